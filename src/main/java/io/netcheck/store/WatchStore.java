package io.netcheck.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Watches, their results, summary schedules and which summary slots were posted: everything that must
 * survive a restart. H2 in a file by default, PostgreSQL when the URL says so.
 *
 * <p>Connections come from a pool (Agroal in the app) one call at a time, under this object's lock: the store sees
 * a few writes a minute. A broken connection fails its call and the pool replaces it. Every failure surfaces as
 * {@link StoreUnavailable}; nothing is retried silently here. The schema is Flyway's ({@link StoreSchema}).
 */
public class WatchStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WatchStore.class);
    /**
     * Watches with their latest result, in one query (the scheduler lists every watch each tick): the join
     * picks the result at the watch's latest time, found through the (watch_id, at) index.
     */
    private static final String WATCHES = "SELECT w.id, w.channel, w.name, w.command, w.every_seconds, w.source, "
            + "w.created_by, w.created_at, w.state, w.state_since, w.pending_state, w.pending_count, w.pending_since, "
            + "w.alert_threads, w.last_run_at, w.outage_since, r.at AS r_at, r.healthy AS r_healthy, "
            + "r.cause AS r_cause, r.team AS r_team, r.headline AS r_headline, r.elapsed_ms AS r_elapsed "
            + "FROM watch w LEFT JOIN watch_result r ON r.watch_id = w.id "
            + "AND r.at = (SELECT MAX(x.at) FROM watch_result x WHERE x.watch_id = w.id) ";

    /** Targets whose last healthy report is kept; beyond it the oldest go (Slack users can name many targets). */
    public static final int HEALTHY_REPORTS_KEPT = 500;

    private final DataSource dataSource;
    private final Flyway flyway;
    private final String description;
    private boolean migrated;

    /**
     * @param flyway migrates {@code dataSource} (in the app, quarkus-flyway's instance for the same datasource)
     * @param description the database without credentials ({@link StoreUrl#describe()})
     */
    public WatchStore(DataSource dataSource, Flyway flyway, String description) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.description = description;
    }

    /** The store's pool: the clustered scheduler keeps its own tables (Quartz's) in the same database. */
    public DataSource connections() {
        return dataSource;
    }

    /** The database, without credentials: for logs, health and error messages. */
    public String describe() {
        return description;
    }

    /** Brings the schema to the latest version; safe to call again. */
    public synchronized void migrate() throws StoreUnavailable {
        try {
            if (LegacyHistory.realign(dataSource, flyway)) {
                LOG.infof("store %s: history of the earlier migrator realigned with Flyway's checksums", describe());
            }
            flyway.migrate();
            migrated = true;
        } catch (SQLException | RuntimeException e) {
            throw new StoreUnavailable("cannot migrate the store at " + describe() + ": " + rootMessage(e), e);
        }
    }

    /** Cheap round trip for readiness. */
    public synchronized void ping() throws StoreUnavailable {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
            return null;
        });
    }

    // ---- watches ----

    /** Adds a watch; empty when the channel already has a watch of that name. */
    public synchronized Optional<Watch> add(String channel, String name, String command, Duration every, String source,
                                            String createdBy, Instant at) throws StoreUnavailable {
        return run(c -> {
            if (find(c, channel, name).isPresent()) {
                return Optional.empty();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO watch (channel, name, command, every_seconds, "
                    + "source, created_by, created_at, state, pending_count) VALUES (?,?,?,?,?,?,?,?,0)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, channel);
                s.setString(2, name);
                s.setString(3, command);
                s.setLong(4, every.toSeconds());
                s.setString(5, source);
                s.setString(6, createdBy);
                s.setLong(7, at.toEpochMilli());
                s.setString(8, Health.UNKNOWN.name());
                s.executeUpdate();
            }
            return find(c, channel, name);
        });
    }

    /** Changes what a configuration-declared watch runs (its channel, command or interval changed in config). */
    public synchronized void update(long id, String command, Duration every) throws StoreUnavailable {
        run(c -> update(c, "UPDATE watch SET command = ?, every_seconds = ? WHERE id = ?", command, every.toSeconds(), id));
    }

    public synchronized boolean remove(long id) throws StoreUnavailable {
        return run(c -> update(c, "DELETE FROM watch WHERE id = ?", id) > 0);
    }

    public synchronized Optional<Watch> find(String channel, String name) throws StoreUnavailable {
        return run(c -> find(c, channel, name));
    }

    public synchronized Optional<Watch> find(long id) throws StoreUnavailable {
        return run(c -> {
            List<Watch> found = query(c, "WHERE w.id = ?", id);
            return found.stream().findFirst();
        });
    }

    public synchronized List<Watch> watches() throws StoreUnavailable {
        return run(c -> query(c, "ORDER BY w.channel, w.name"));
    }

    public synchronized List<Watch> watches(String channel) throws StoreUnavailable {
        return run(c -> query(c, "WHERE w.channel = ? ORDER BY w.name", channel));
    }

    /**
     * Keeps one run's result and the state it led to, together: a crash can never keep the one without the
     * other.
     */
    public synchronized void record(long watchId, WatchResult result, WatchState state) throws StoreUnavailable {
        record(watchId, result, state, null, true);
    }

    /**
     * Keeps one run's result, the state it led to and, when the state changed, the change ({@code from} is the
     * state before): together, so a crash can never keep the one without the other. Without a change the
     * outage's announcement columns are left as they stand: the state was read before the check ran, and an
     * announcement noted since (a slow post by the run before) must not be overwritten by that older read.
     */
    public synchronized void record(long watchId, WatchResult result, WatchState state, Health from)
            throws StoreUnavailable {
        record(watchId, result, state, from, from != null);
    }

    private void record(long watchId, WatchResult result, WatchState state, Health from, boolean announcement)
            throws StoreUnavailable {
        run(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO watch_result (watch_id, at, healthy, cause, "
                        + "team, headline, elapsed_ms) VALUES (?,?,?,?,?,?,?)")) {
                    s.setLong(1, watchId);
                    s.setLong(2, result.at().toEpochMilli());
                    s.setBoolean(3, result.healthy());
                    s.setString(4, result.cause());
                    s.setString(5, result.team());
                    s.setString(6, cut(result.headline(), 1000));
                    s.setLong(7, result.elapsedMillis());
                    s.executeUpdate();
                }
                saveState(c, watchId, state, result.at(), announcement);
                if (from != null && from != state.state()) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO watch_change (watch_id, at, from_state, to_state) VALUES (?,?,?,?)")) {
                        s.setLong(1, watchId);
                        s.setLong(2, result.at().toEpochMilli());
                        s.setString(3, from.name());
                        s.setString(4, state.state().name());
                        s.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                // Also on a RuntimeException: restoring auto-commit below would otherwise commit the result alone.
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    /**
     * Claims a watch's slot for one run, with a compare-and-set in the database: true for the first claim of this slot
     * by any replica, false when this slot (or a later one) was claimed already.
     */
    public synchronized boolean claimRun(long watchId, Instant slot) throws StoreUnavailable {
        long t = slot.toEpochMilli();
        return run(c -> update(c, "UPDATE watch SET claimed_slot = ? WHERE id = ? AND (claimed_slot IS NULL "
                + "OR claimed_slot < ?)", t, watchId, t) == 1);
    }

    /**
     * Notes where an outage was announced: only its threads, and only while that outage (by its start) is the
     * watch's, so a note that arrives late never rewrites a state a later run has recorded.
     *
     * @return false when that outage is no longer the watch's (nothing written)
     */
    public synchronized boolean noteOutageAnnounced(long watchId, Instant outageSince, String threads)
            throws StoreUnavailable {
        return run(c -> update(c, "UPDATE watch SET alert_threads = ? WHERE id = ? AND outage_since = ?", threads,
                watchId, outageSince.toEpochMilli()) == 1);
    }

    /** Notes that an outage's recovery was announced, while the watch is still healthy after that outage. */
    public synchronized boolean noteRecoveryAnnounced(long watchId, Instant outageSince) throws StoreUnavailable {
        return run(c -> update(c, "UPDATE watch SET alert_threads = NULL, outage_since = NULL WHERE id = ? "
                + "AND state = ? AND outage_since = ?", watchId, Health.HEALTHY.name(),
                outageSince.toEpochMilli()) == 1);
    }

    /** Results of one watch at or after {@code from}, oldest first. */
    public synchronized List<WatchResult> results(long watchId, Instant from) throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT at, healthy, cause, team, headline, elapsed_ms "
                    + "FROM watch_result WHERE watch_id = ? AND at >= ? ORDER BY at")) {
                s.setLong(1, watchId);
                s.setLong(2, from.toEpochMilli());
                List<WatchResult> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(result(r));
                    }
                }
                return out;
            }
        });
    }

    /** Confirmed state changes of a watch at or after {@code from}, not counting the first one out of UNKNOWN. */
    public synchronized int changes(long watchId, Instant from) throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM watch_change WHERE watch_id = ? "
                    + "AND at >= ? AND from_state <> 'UNKNOWN'")) {
                s.setLong(1, watchId);
                s.setLong(2, from.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** Drops results older than {@code before} (the retention setting); returns how many. */
    public synchronized int prune(Instant before) throws StoreUnavailable {
        long t = before.toEpochMilli();
        return run(c -> {
            int pruned = update(c, "DELETE FROM watch_result WHERE at < ?", t);
            update(c, "DELETE FROM watch_change WHERE at < ?", t);
            update(c, "DELETE FROM summary_post WHERE slot < ?", t);
            update(c, "DELETE FROM healthy_report WHERE at < ?", t);
            return pruned;
        });
    }

    // ---- last healthy report per target ----

    /** Replaces a target's last healthy report (the report JSON), keeping at most {@link #HEALTHY_REPORTS_KEPT}. */
    public synchronized void keepHealthyReport(String target, Instant at, String json) throws StoreUnavailable {
        run(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                update(c, "DELETE FROM healthy_report WHERE target = ?", target);
                update(c, "INSERT INTO healthy_report (target, at, report) VALUES (?,?,?)", target, at.toEpochMilli(),
                        json);
                try (PreparedStatement s = c.prepareStatement("SELECT at FROM healthy_report ORDER BY at DESC "
                        + "OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY")) {
                    s.setInt(1, HEALTHY_REPORTS_KEPT);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            update(c, "DELETE FROM healthy_report WHERE at <= ?", r.getLong(1));
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!isDuplicateKey(e)) {
                    throw e;
                }
                // Another replica kept a report of the same target at the same moment: as good a baseline as ours.
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
            return null;
        });
    }

    /** A target's last healthy report: when it ran and its JSON. */
    public synchronized Optional<HealthyReport> lastHealthyReport(String target) throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT at, report FROM healthy_report WHERE target = ?")) {
                s.setString(1, target);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new HealthyReport(Instant.ofEpochMilli(r.getLong(1)), r.getString(2)))
                            : Optional.<HealthyReport>empty();
                }
            }
        });
    }

    // ---- summary schedules and slots ----

    public synchronized void schedule(String channel, String cron, String source, Instant at) throws StoreUnavailable {
        run(c -> {
            update(c, "DELETE FROM summary_schedule WHERE channel = ?", channel);
            return update(c, "INSERT INTO summary_schedule (channel, cron, source, created_at) VALUES (?,?,?,?)",
                    channel, cron, source, at.toEpochMilli());
        });
    }

    public synchronized boolean unschedule(String channel) throws StoreUnavailable {
        return run(c -> update(c, "DELETE FROM summary_schedule WHERE channel = ?", channel) > 0);
    }

    public synchronized List<SummarySchedule> schedules() throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT channel, cron, source, created_at FROM summary_schedule ORDER BY channel");
                 ResultSet r = s.executeQuery()) {
                List<SummarySchedule> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new SummarySchedule(r.getString(1), r.getString(2), r.getString(3),
                            Instant.ofEpochMilli(r.getLong(4))));
                }
                return out;
            }
        });
    }

    /**
     * Claims a channel's summary slot for posting. True when this slot has not been posted yet (newly claimed,
     * or claimed before and never confirmed posted — a post that failed or a restart mid-post); false once posted.
     */
    public synchronized boolean claimSlot(String channel, Instant slot) throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT status FROM summary_post WHERE channel = ? AND slot = ?")) {
                s.setString(1, channel);
                s.setLong(2, slot.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        return !"posted".equals(r.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO summary_post (channel, slot, status) VALUES (?,?,'pending')")) {
                s.setString(1, channel);
                s.setLong(2, slot.toEpochMilli());
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    return false; // someone else claimed it between our read and write
                }
                throw e;
            }
        });
    }

    public synchronized void slotPosted(String channel, Instant slot, Instant at) throws StoreUnavailable {
        run(c -> update(c, "UPDATE summary_post SET status = 'posted', posted_at = ? WHERE channel = ? AND slot = ?",
                at.toEpochMilli(), channel, slot.toEpochMilli()));
    }

    /** The latest slot ever claimed for a channel (posted or pending), if any. */
    public synchronized Optional<Instant> lastSlot(String channel) throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(slot) FROM summary_post WHERE channel = ?")) {
                s.setString(1, channel);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long v = r.getLong(1);
                    return r.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(v));
                }
            }
        });
    }

    // ---- Slack deliveries (deduplicated across replicas) ----

    /**
     * Takes a Slack delivery id: true the first time within {@code window} (this replica may act on it), false when
     * any replica took it already. Deliveries older than the window are forgotten on the way.
     */
    public synchronized boolean firstDelivery(String id, Instant at, Duration window) throws StoreUnavailable {
        long oldest = at.minus(window).toEpochMilli();
        return run(c -> {
            update(c, "DELETE FROM slack_delivery WHERE seen_at < ?", oldest);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO slack_delivery (id, seen_at) VALUES (?,?)")) {
                s.setString(1, cut(id, 255));
                s.setLong(2, at.toEpochMilli());
                s.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    // ---- reports kept for the incident button (shared by every replica) ----

    /** Keeps a report; then drops those older than {@code keep} and all but the newest {@code max}. */
    public synchronized void keep(KeptRow row, Duration keep, int max) throws StoreUnavailable {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO kept_report (id, kept_at, channel, ts, user_id, "
                    + "report, pcap_name, pcap) VALUES (?,?,?,?,?,?,?,?)")) {
                s.setString(1, row.id());
                s.setLong(2, row.keptAt().toEpochMilli());
                s.setString(3, row.channel());
                s.setString(4, row.ts());
                s.setString(5, row.userId());
                s.setString(6, row.reportJson());
                s.setString(7, row.pcapName());
                s.setBytes(8, row.pcap());
                s.executeUpdate();
            }
            update(c, "DELETE FROM kept_report WHERE kept_at < ?", row.keptAt().minus(keep).toEpochMilli());
            // The newest max stay. The time of the first one past them is read from the kept_at index alone; a
            // "NOT IN (newest max)" made the database read and sort every row, reports and .pcaps included, on every
            // run (the largest CPU cost of a run in the Slack bench). Rows sharing that exact millisecond go too.
            Long cutoff = null;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT kept_at FROM kept_report ORDER BY kept_at DESC LIMIT 1 OFFSET ?")) {
                s.setInt(1, max);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        cutoff = r.getLong(1);
                    }
                }
            }
            if (cutoff != null) {
                update(c, "DELETE FROM kept_report WHERE kept_at <= ?", cutoff);
            }
            return null;
        });
    }

    /** A kept report not older than {@code keep} at {@code now}. */
    public synchronized Optional<KeptRow> kept(String id, Instant now, Duration keep) throws StoreUnavailable {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, kept_at, channel, ts, user_id, report, "
                    + "pcap_name, pcap FROM kept_report WHERE id = ? AND kept_at >= ?")) {
                s.setString(1, id);
                s.setLong(2, now.minus(keep).toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new KeptRow(r.getString(1), Instant.ofEpochMilli(r.getLong(2)),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                            r.getBytes(8))) : Optional.<KeptRow>empty();
                }
            }
        });
    }

    /** Notes where a kept report was posted (the link back from an incident channel). */
    public synchronized void keptPosted(String id, String ts) throws StoreUnavailable {
        run(c -> update(c, "UPDATE kept_report SET ts = ? WHERE id = ?", ts, id));
    }

    /** The pool is the datasource's owner: nothing to close here. */
    @Override
    public synchronized void close() {
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) throws StoreUnavailable {
        if (!migrated) {
            migrate();
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.on(connection);
        } catch (SQLException e) {
            throw new StoreUnavailable("store " + describe() + " unavailable: " + rootMessage(e), e);
        }
    }

    private static Optional<Watch> find(Connection c, String channel, String name) throws SQLException {
        return query(c, "WHERE w.channel = ? AND w.name = ?", channel, name)
                .stream().findFirst();
    }

    /** One statement with positional arguments; returns the update count. */
    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    /** @param where the WHERE and ORDER BY after {@link #WATCHES}, with watch columns as {@code w.} */
    private static List<Watch> query(Connection c, String where, Object... args) throws SQLException {
        java.util.Map<Long, Watch> watches = new java.util.LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(WATCHES + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    watches.putIfAbsent(r.getLong("id"), watch(r)); // two results in the same millisecond: one
                }
            }
        }
        return new ArrayList<>(watches.values());
    }

    private static Watch watch(ResultSet r) throws SQLException {
        WatchState state = new WatchState(Health.valueOf(r.getString("state")), instant(r, "state_since"),
                r.getString("pending_state") == null ? null : Health.valueOf(r.getString("pending_state")),
                r.getInt("pending_count"), instant(r, "pending_since"), r.getString("alert_threads"),
                instant(r, "outage_since"));
        return new Watch(r.getLong("id"), r.getString("channel"), r.getString("name"), r.getString("command"),
                Duration.ofSeconds(r.getLong("every_seconds")), r.getString("source"), r.getString("created_by"),
                Instant.ofEpochMilli(r.getLong("created_at")), state, instant(r, "last_run_at"), lastResult(r));
    }

    private static WatchResult lastResult(ResultSet r) throws SQLException {
        Instant at = instant(r, "r_at");
        return at == null ? null : new WatchResult(at, r.getBoolean("r_healthy"), r.getString("r_cause"),
                r.getString("r_team"), r.getString("r_headline"), r.getLong("r_elapsed"));
    }

    private static WatchResult result(ResultSet r) throws SQLException {
        return new WatchResult(Instant.ofEpochMilli(r.getLong(1)), r.getBoolean(2), r.getString(3), r.getString(4),
                r.getString(5), r.getLong(6));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /**
     * A run's state and when it ran.
     *
     * @param announcement also the outage's announcement columns (alert threads, outage start)
     */
    private static void saveState(Connection c, long id, WatchState st, Instant ranAt, boolean announcement)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE watch SET state = ?, state_since = ?, pending_state = ?, "
                + "pending_count = ?, pending_since = ?" + (announcement ? ", alert_threads = ?, outage_since = ?" : "")
                + ", last_run_at = ? WHERE id = ?")) {
            s.setString(1, st.state().name());
            setInstant(s, 2, st.since());
            s.setString(3, st.pending() == null ? null : st.pending().name());
            s.setInt(4, st.pendingCount());
            setInstant(s, 5, st.pendingSince());
            int i = 6;
            if (announcement) {
                s.setString(i++, st.alertThreads());
                setInstant(s, i++, st.outageSince());
            }
            s.setLong(i++, ranAt.toEpochMilli());
            s.setLong(i, id);
            s.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement s, int i, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, at.toEpochMilli());
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
