package io.netcheck.schedule;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.SimpleScheduleBuilder.simpleSchedule;
import static org.quartz.TriggerBuilder.newTrigger;

import io.netcheck.store.Watch;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.spi.JobFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Watches and the scheduler's housekeeping on Quartz, clustered through the PostgreSQL store: Quartz's JDBC job store
 * (tables {@code QRTZ_*}, Flyway V6) on the store's own Agroal pool. Every replica runs one of these; Quartz hands each
 * firing to exactly one of them (row locks in {@code QRTZ_LOCKS}), and when a replica stops checking in for
 * {@code checkin} another one recovers the jobs it held ({@code requestsRecovery}) and fires them again.
 *
 * <ul>
 *   <li>One durable job per watch (name = the watch's id), never two runs of it at once on any replica
 *   ({@link DisallowConcurrentExecution} is kept in the job store). Its trigger repeats at the watch's interval from
 *   the watch's slot ({@link Spread}); a missed firing is skipped, and {@link #sync} fires a watch whose slot was
 *   missed altogether (every replica down) once, at once.</li>
 *   <li>One control job, also never concurrent: brings the watch jobs in line with the store, posts due summaries and
 *   prunes. Summaries keep their once-per-slot claim in the store; the control job only makes one replica look.</li>
 * </ul>
 */
final class QuartzCluster {
    static final String WATCHES = "watch";
    static final String NETCHECK = "netcheck";
    static final JobKey CONTROL = JobKey.jobKey("control", NETCHECK);
    private static final String DATASOURCE = "netcheck-store";

    /** What the jobs do: the scheduler's side. */
    interface Work {
        /**
         * Runs the watch with this id if its current slot has not run yet.
         *
         * @param scheduled when this firing was due (Quartz fires up to 2 ms early)
         * @param firing    which trigger fired, for logs
         */
        void watch(long id, Instant scheduled, String firing) throws InterruptedException;

        /** Reconciles jobs, posts due summaries, prunes. */
        void control() throws InterruptedException;
    }

    /** What {@link #sync} changed. */
    record Synced(List<Long> scheduled, List<Long> removed, List<Long> caughtUp) {
    }

    private final Scheduler scheduler;
    private final Duration missedAfter;

    private QuartzCluster(Properties properties, Work work, Duration missedAfter) throws SchedulerException {
        StdSchedulerFactory factory = new StdSchedulerFactory(properties);
        this.scheduler = factory.getScheduler();
        this.scheduler.setJobFactory(jobs(work));
        this.missedAfter = missedAfter;
    }

    /**
     * Quartz clustered on PostgreSQL through {@code dataSource}.
     *
     * @param workers      watch runs at once on this replica, plus one thread for the control job (which a watch
     *                     uses while the control job is idle: at most {@code workers + 1} runs at once)
     * @param checkin      how often this replica checks in; another takes over its jobs when it misses that by a
     *                     margin (Quartz: 7.5 s past the last check-in at most)
     * @param missedAfter  how long after its slot a watch that no replica fired counts as missed
     */
    static QuartzCluster clustered(DataSource dataSource, int workers, Duration checkin, Duration missedAfter, Work work)
            throws SchedulerException {
        DBConnectionManager.getInstance().addConnectionProvider(DATASOURCE, new PoolConnections(dataSource));
        Properties p = common("netcheck", workers);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", DATASOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkin.toMillis()));
        // Several triggers due at once are taken under the lock in one go: no two replicas take the same one.
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(missedAfter.toMillis()));
        return new QuartzCluster(p, work, missedAfter);
    }

    /**
     * This replica in Quartz's tables (and logs): host (the pod's name), pid and start time, so that a restarted
     * replica is a new instance and the old one's jobs are recovered.
     */
    static String instanceId() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "netcheck" : host) + "-" + ProcessHandle.current().pid() + "-"
                + System.currentTimeMillis();
    }

    /** The same jobs on Quartz's in-memory store: for tests of {@link #sync}. */
    static QuartzCluster inMemory(Work work, Duration missedAfter) throws SchedulerException {
        Properties p = common("netcheck-test-" + UUID.randomUUID(), 2);
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new QuartzCluster(p, work, missedAfter);
    }

    private static Properties common(String name, int workers) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", name);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, workers) + 1));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        return p;
    }

    /** Starts firing on this replica, with the control job every {@code tick} (created once for the cluster). */
    void start(Duration tick) throws SchedulerException {
        JobDetail control = newJob(ControlJob.class).withIdentity(CONTROL).storeDurably().build();
        // Before any due watch when a thread frees up: watches may take the spare thread while the control job waits.
        Trigger every = newTrigger().withIdentity(CONTROL.getName(), NETCHECK).forJob(CONTROL).startNow().withPriority(10)
                .withSchedule(simpleSchedule().withIntervalInMilliseconds(tick.toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        Trigger existing = scheduler.getTrigger(every.getKey());
        if (!(existing instanceof SimpleTrigger s) || s.getRepeatInterval() != tick.toMillis()) {
            try {
                scheduler.scheduleJob(control, Set.of(every), true);
            } catch (ObjectAlreadyExistsException e) {
                // another replica created it at the same moment
            }
        }
        scheduler.start();
    }

    /** Stops firing; running jobs finish first (a graceful stop hands nothing to recovery). */
    void shutdown() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            // shutting down anyway
        }
    }

    /**
     * Brings the watch jobs in line with the store's watches at {@code now}: a job for each new watch (fired at once,
     * as a new watch runs at once), a new trigger when an interval changed, no job for a removed watch, and one firing
     * at once for a watch whose latest slot passed more than {@code missedAfter} ago with no firing and no result.
     */
    Synced sync(List<Watch> watches, Instant now) throws SchedulerException {
        Set<JobKey> existing = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(WATCHES));
        Set<JobKey> wanted = new HashSet<>();
        List<Long> scheduled = new ArrayList<>();
        List<Long> caughtUp = new ArrayList<>();
        for (Watch w : watches) {
            JobKey key = JobKey.jobKey(Long.toString(w.id()), WATCHES);
            wanted.add(key);
            Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(key.getName(), WATCHES));
            if (t instanceof SimpleTrigger s && s.getRepeatInterval() == w.every().toMillis()) {
                if (missed(w, s, now)) {
                    fireOnce(key, "missed-" + Spread.latestSlot(now, w.every(), offset(w)).toEpochMilli(), now);
                    caughtUp.add(w.id());
                }
                continue;
            }
            JobDetail job = newJob(WatchJob.class).withIdentity(key).storeDurably().requestRecovery()
                    .withDescription(w.channel() + "/" + w.name()).build();
            Set<Trigger> triggers = new HashSet<>();
            triggers.add(repeating(w, now));
            if (WatchScheduler.slotDue(w, now)) {
                triggers.add(once(key, "now", now));
            }
            try {
                scheduler.scheduleJob(job, triggers, true);
                scheduled.add(w.id());
            } catch (ObjectAlreadyExistsException e) {
                // another replica's control job cannot run at the same time; kept for safety
            }
        }
        List<Long> removed = new ArrayList<>();
        for (JobKey k : existing) {
            if (!wanted.contains(k) && scheduler.deleteJob(k)) {
                removed.add(Long.parseLong(k.getName()));
            }
        }
        return new Synced(scheduled, removed, caughtUp);
    }

    /** The trigger of a watch: at its slots ({@code offset + k * every}), from the next one on. */
    static SimpleTrigger repeating(Watch w, Instant now) {
        Instant next = Spread.latestSlot(now, w.every(), offset(w)).plus(w.every());
        return newTrigger().withIdentity(Long.toString(w.id()), WATCHES).forJob(Long.toString(w.id()), WATCHES)
                .startAt(Date.from(next))
                .withSchedule(simpleSchedule().withIntervalInMilliseconds(w.every().toMillis()).repeatForever()
                        // A firing missed while no replica was up is skipped here; sync() catches the watch up once.
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    private boolean missed(Watch w, SimpleTrigger t, Instant now) {
        Instant slot = Spread.latestSlot(now, w.every(), offset(w));
        if (Duration.between(slot, now).compareTo(missedAfter) <= 0 || !WatchScheduler.slotDue(w, now)) {
            return false;
        }
        Date prev = t.getPreviousFireTime();
        return t.getStartTime().toInstant().isBefore(slot.plusMillis(1)) && (prev == null || prev.toInstant().isBefore(slot));
    }

    private void fireOnce(JobKey key, String name, Instant at) throws SchedulerException {
        try {
            scheduler.scheduleJob(once(key, name, at));
        } catch (ObjectAlreadyExistsException e) {
            // already asked for
        }
    }

    private static Trigger once(JobKey key, String name, Instant at) {
        return newTrigger().withIdentity(key.getName() + "-" + name, WATCHES).forJob(key).startAt(Date.from(at))
                .withSchedule(simpleSchedule().withMisfireHandlingInstructionFireNow()).build();
    }

    static Duration offset(Watch w) {
        return Spread.offset(w.channel() + "/" + w.name(), w.every());
    }

    /** The triggers of a watch's job, for tests. */
    List<? extends Trigger> triggers(long watchId) throws SchedulerException {
        return scheduler.getTriggersOfJob(JobKey.jobKey(Long.toString(watchId), WATCHES));
    }

    /** The watch jobs there are, for tests. */
    Set<JobKey> watchJobs() throws SchedulerException {
        return scheduler.getJobKeys(GroupMatcher.jobGroupEquals(WATCHES));
    }

    private static JobFactory jobs(Work work) {
        return (bundle, scheduler) -> {
            Class<? extends Job> type = bundle.getJobDetail().getJobClass();
            if (type == WatchJob.class) {
                return new WatchJob(work);
            }
            if (type == ControlJob.class) {
                return new ControlJob(work);
            }
            throw new SchedulerException("not a netcheck job: " + type.getName());
        };
    }

    /** Runs one watch; the job's name is the watch's id. */
    @DisallowConcurrentExecution
    static final class WatchJob implements Job {
        private final Work work;

        WatchJob(Work work) {
            this.work = work;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                Date due = context.getScheduledFireTime();
                work.watch(Long.parseLong(context.getJobDetail().getKey().getName()),
                        due == null ? Instant.EPOCH : due.toInstant(), context.getTrigger().getKey().getName()
                                + (context.isRecovering() ? " (recovering)" : ""));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The cluster's housekeeping: on one replica at a time. */
    @DisallowConcurrentExecution
    static final class ControlJob implements Job {
        private final Work work;

        ControlJob(Work work) {
            this.work = work;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                work.control();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Quartz's connections from the store's pool (the pool, not Quartz, owns them). */
    private record PoolConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
