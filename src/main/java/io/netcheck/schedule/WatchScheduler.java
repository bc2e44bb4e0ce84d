package io.netcheck.schedule;

import io.netcheck.probe.DaemonThreads;
import io.netcheck.Checks;
import io.netcheck.check.ChecklistProgress;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Cron;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.StoreUrl;
import io.netcheck.store.SummarySchedule;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.quartz.SchedulerException;

/**
 * Drives watches and scheduled summaries. On H2 (one replica) from quarkus-scheduler's tick: each tick starts the
 * watches whose slot has come (spread over their interval, see {@link Spread}), at most {@code workers} at once and
 * never two runs of the same watch; posts each channel's summary once per cron slot; and prunes old history.
 * Everything reads the injected {@link Clock}, so tests drive time.
 *
 * <p>On PostgreSQL (any number of replicas) the same work runs on {@link QuartzCluster}: each watch is a clustered
 * job fired on exactly one replica per slot, and summaries and pruning run in one clustered control job; the tick
 * then only keeps this replica's view of the store (readiness, metrics, its backlog).
 */
@ApplicationScoped
public class WatchScheduler {
    private static final Logger LOG = Logger.getLogger(WatchScheduler.class);

    @Inject
    NetcheckConfig config;
    @Inject
    WatchStore store;
    @Inject
    CommandParser parser;
    @Inject
    Checks checks;
    @Inject
    Announcer announcer;
    @Inject
    @WatchTime
    Clock clock;
    @Inject
    ConfiguredWatches configured;
    @Inject
    SummaryBuilder summaries;
    @Inject
    WatchMetrics metrics;

    private volatile WatchRunner runner;
    private ExecutorService workers;
    private Semaphore permits;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> lastStarted = new ConcurrentHashMap<>();
    private final Set<String> summariesInFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Instant lastPrune = Instant.EPOCH;
    private volatile boolean synced;
    private volatile String storeProblem;
    /** PostgreSQL only: the clustered scheduler, started once the store is migrated. */
    private volatile QuartzCluster cluster;

    /** What one tick started, for tests and logs. */
    public record Tick(List<String> watchesStarted, List<String> summariesStarted, String storeProblem) {
    }

    /**
     * Migrates and checks the store at boot, off the start-up path: a slow database must not delay Slack.
     * Called by {@link WatchLifecycle} only when the store is on, so the one-shot CLI never builds this bean.
     */
    void start() {
        storeProblem = "store not checked yet";
        Thread t = new Thread(() -> {
            try {
                store.migrate();
                store.ping();
                storeProblem = null;
                metrics.storeUp(true);
                LOG.infof("watch store ready at %s", store.describe());
                if (clustered()) {
                    startCluster();
                }
            } catch (StoreUnavailable e) {
                storeProblem = e.getMessage();
                metrics.storeUp(false);
                LOG.warnf("%s; watches wait until it is back", e.getMessage());
            }
        }, "store-start");
        t.setDaemon(true);
        t.start();
    }

    @Scheduled(identity = "netcheck-watch-tick", every = "{netcheck.watch.tick}", delayed = "{netcheck.watch.tick}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        tick();
    }

    public boolean enabled() {
        return config.store().enabled();
    }

    /** Why the store is not usable right now, or null. */
    public String storeProblem() {
        return storeProblem;
    }

    public synchronized Tick tick() {
        if (!enabled()) {
            return new Tick(List.of(), List.of(), "store disabled");
        }
        WatchRunner r = runner();
        r.flushBacklog();
        Instant now = clock.instant();
        List<Watch> watches;
        List<SummarySchedule> schedules;
        try {
            if (!synced) {
                configured.sync(now);
                synced = true;
            }
            watches = store.watches();
            schedules = store.schedules();
            storeProblem = null;
            metrics.storeUp(true);
        } catch (StoreUnavailable e) {
            if (storeProblem == null) {
                LOG.warnf("%s: watches and summaries wait until it is back", e.getMessage());
            }
            storeProblem = e.getMessage();
            metrics.storeUp(false);
            return new Tick(List.of(), List.of(), storeProblem);
        }
        metrics.watches(watches);
        if (clustered()) {
            startCluster();
            return new Tick(List.of(), List.of(), storeProblem);
        }
        List<String> started = new ArrayList<>();
        for (Watch w : watches) {
            if (due(w, now) && !running.contains(w.id())) {
                if (!permits.tryAcquire()) {
                    break; // all workers busy: the rest are still due at the next tick
                }
                running.add(w.id());
                lastStarted.put(w.id(), now);
                started.add(w.channel() + "/" + w.name());
                inFlight.incrementAndGet();
                workers.execute(() -> {
                    try {
                        r.run(w);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "watch %s failed", w.name());
                    } finally {
                        running.remove(w.id());
                        permits.release();
                        inFlight.decrementAndGet();
                    }
                });
            }
        }
        List<String> summaryStarts = summaries(schedules, now, workers);
        prune(now);
        return new Tick(started, summaryStarts, null);
    }

    /** True on PostgreSQL: watches and summaries are then scheduled across replicas by {@link QuartzCluster}. */
    public boolean clustered() {
        try {
            return enabled() && StoreUrl.parse(config.store().url()).kind() == StoreUrl.Kind.POSTGRESQL;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private synchronized void startCluster() {
        if (cluster != null) {
            return;
        }
        try {
            runner();
            QuartzCluster c = QuartzCluster.clustered(store.connections(), config.watch().workers(),
                    config.watch().clusterCheckin(), missedAfter(), new ClusterWork());
            c.start(config.watch().tick());
            cluster = c;
            LOG.infof("clustered scheduling on %s (check-in every %s)", store.describe(), config.watch().clusterCheckin());
        } catch (SchedulerException | RuntimeException e) {
            storeProblem = "the clustered scheduler could not start: " + e.getMessage();
            LOG.errorf(e, "%s; trying again at the next tick", storeProblem);
        }
    }

    /** A watch slot that no replica fired for this long counts as missed (every replica was down): run it once. */
    private Duration missedAfter() {
        return max(config.watch().tick().multipliedBy(2), Duration.ofSeconds(10));
    }

    /** A watch's current slot has not run yet: it has never run, or its latest slot began after its last run. */
    static boolean slotDue(Watch w, Instant now) {
        if (w.lastRunAt() == null) {
            return true;
        }
        return Spread.latestSlot(now, w.every(), QuartzCluster.offset(w)).isAfter(w.lastRunAt());
    }

    /** What the clustered jobs do on this replica. */
    private final class ClusterWork implements QuartzCluster.Work {
        @Override
        public void watch(long id, Instant scheduled, String firing) throws InterruptedException {
            // Quartz fires up to 2 ms before the due time: a run must start inside the slot it was fired for.
            long early = Duration.between(clock.instant(), scheduled).toMillis();
            if (early > 0 && early < 1000) {
                Thread.sleep(early + 1);
            }
            Optional<Watch> w;
            Instant now;
            try {
                w = store.find(id);
                now = clock.instant();
                // Gone (the control job drops its job), or this slot already ran or is running: a firing recovered from
                // a replica that died, or a catch-up that raced the regular firing. The claim is a compare-and-set in
                // the store: never two runs in one slot, whatever fired them.
                if (w.isEmpty() || !slotDue(w.get(), now)
                        || !store.claimRun(id, Spread.latestSlot(now, w.get().every(), QuartzCluster.offset(w.get())))) {
                    LOG.debugf("watch %d: %s due %s: not run (%s)", id, firing, scheduled, w.isEmpty() ? "removed"
                            : "its slot ran or is claimed; last run " + w.get().lastRunAt());
                    return;
                }
            } catch (StoreUnavailable e) {
                LOG.warnf("watch %d not run: %s", id, e.getMessage());
                return;
            }
            LOG.debugf("watch %d: %s due %s: run (last run %s)", id, firing, scheduled, w.get().lastRunAt());
            inFlight.incrementAndGet();
            try {
                runner().run(w.get(), now);
            } catch (RuntimeException e) {
                LOG.errorf(e, "watch %s failed", w.get().name());
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void control() {
            Instant now = clock.instant();
            try {
                QuartzCluster c = cluster;
                if (c == null) {
                    return;
                }
                QuartzCluster.Synced s = c.sync(store.watches(), now);
                if (!s.scheduled().isEmpty() || !s.removed().isEmpty() || !s.caughtUp().isEmpty()) {
                    LOG.debugf("watch jobs: scheduled %s, removed %s, caught up %s", s.scheduled(), s.removed(),
                            s.caughtUp());
                }
                // On the control job's own thread: one replica at a time looks at the summaries.
                summaries(store.schedules(), now, Runnable::run);
                prune(now);
            } catch (StoreUnavailable e) {
                storeProblem = e.getMessage();
            } catch (SchedulerException e) {
                LOG.warnf("could not bring the watch jobs in line: %s", e.getMessage());
            }
        }
    }

    /** Due when a new slot of its interval has begun since it last ran (or started); a new watch runs at once. */
    boolean due(Watch w, Instant now) {
        Instant last = lastStarted.get(w.id());
        if (w.lastRunAt() != null && (last == null || w.lastRunAt().isAfter(last))) {
            last = w.lastRunAt();
        }
        if (last == null) {
            return true;
        }
        Instant slot = Spread.latestSlot(now, w.every(), Spread.offset(w.channel() + "/" + w.name(), w.every()));
        return slot.isAfter(last);
    }

    private List<String> summaries(List<SummarySchedule> schedules, Instant now, Executor executor) {
        ZoneId zone = ZoneId.of(config.summary().zone());
        Duration lateAfter = max(config.watch().tick().multipliedBy(2), Duration.ofMinutes(5));
        List<String> started = new ArrayList<>();
        for (SummarySchedule s : schedules) {
            Optional<Instant> slot;
            try {
                slot = Cron.parse(s.cron()).lastAtOrBefore(now, zone);
            } catch (IllegalArgumentException e) {
                LOG.errorf("summary schedule of %s: %s", s.channel(), e.getMessage());
                continue;
            }
            // Only the latest slot counts: after downtime the missed summary is posted once, late, not once per
            // missed slot. A slot from before the schedule existed is not owed.
            if (slot.isEmpty() || slot.get().isBefore(s.createdAt())) {
                continue;
            }
            String key = s.channel() + "@" + slot.get();
            if (summariesInFlight.contains(key)) {
                continue;
            }
            try {
                if (!store.claimSlot(s.channel(), slot.get())) {
                    continue;
                }
            } catch (StoreUnavailable e) {
                storeProblem = e.getMessage();
                return started;
            }
            summariesInFlight.add(key);
            started.add(key);
            Instant due = slot.get();
            boolean late = Duration.between(due, now).compareTo(lateAfter) > 0;
            inFlight.incrementAndGet();
            executor.execute(() -> {
                try {
                    announcer.summary(summaries.build(s.channel(), clock.instant(), due, late));
                    store.slotPosted(s.channel(), due, clock.instant());
                    metrics.summaryPosted(late);
                } catch (AnnounceFailed | StoreUnavailable e) {
                    LOG.warnf("summary for %s (due %s) not posted yet: %s; trying again at the next tick", s.channel(),
                            due, e.getMessage());
                } catch (RuntimeException e) {
                    LOG.errorf(e, "summary for %s failed", s.channel());
                } finally {
                    summariesInFlight.remove(key);
                    inFlight.decrementAndGet();
                }
            });
        }
        return started;
    }

    private void prune(Instant now) {
        if (Duration.between(lastPrune, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        try {
            int n = store.prune(now.minus(config.store().retention()));
            lastPrune = now;
            if (n > 0) {
                LOG.infof("pruned %d watch results older than %s", n, config.store().retention());
            }
        } catch (StoreUnavailable e) {
            storeProblem = e.getMessage();
        }
    }

    /** Waits until no watch run or summary post is in flight; for tests and shutdown. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        // Counts its polls instead of reading a clock: a test's shifted clock cannot cut the wait short.
        for (long waited = 0; inFlight.get() > 0; waited += 10) {
            if (waited > timeout.toMillis()) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public String storeDescription() {
        return store.describe();
    }

    public int backlog() {
        return runner == null ? 0 : runner.backlogSize();
    }

    private WatchRunner runner() {
        if (runner == null) {
            int n = Math.max(1, config.watch().workers());
            // One extra thread so a summary post is never stuck behind a full set of watch runs.
            workers = Executors.newFixedThreadPool(n + 1, DaemonThreads.named("watch"));
            permits = new Semaphore(n);
            runner = new WatchRunner(store, parser, c -> checks.check(c, ChecklistProgress.NONE), announcer, clock,
                    checks.ticker(), config.watch().confirm(), metrics);
        }
        return runner;
    }

    void stop() {
        QuartzCluster c = cluster;
        if (c != null) {
            c.shutdown();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
