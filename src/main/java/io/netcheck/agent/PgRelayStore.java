package io.netcheck.agent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The relay's tables (Flyway V8) on the store's PostgreSQL pool. Every call takes a pooled connection in auto-commit;
 * the one compare-and-set is {@link #claim}. Wake-ups go by {@code NOTIFY} on one channel after a job is queued or
 * finished; {@link #await} listens on a connection of its own from the same pool (pgjdbc's
 * {@link PGConnection#getNotifications(int)}), re-opened when it breaks, while the poll interval covers a lost one.
 * Failures surface as {@link IllegalStateException} with the database's message.
 */
final class PgRelayStore implements RelayStore {
    private static final Logger LOG = Logger.getLogger(PgRelayStore.class);
    static final String CHANNEL = "netcheck_agent_relay";
    private static final String JOB_COLUMNS = "id, kind, agent, replica, requester, command, timeout_ms, peers, "
            + "window_ms, created_at, deadline";

    private final DataSource pool;
    private Connection listening;

    PgRelayStore(DataSource pool) {
        this.pool = pool;
    }

    @FunctionalInterface
    private interface Call<T> {
        T on(Connection c) throws SQLException;
    }

    private <T> T call(String what, Call<T> call) {
        try (Connection c = pool.getConnection()) {
            return call.on(c);
        } catch (SQLException e) {
            throw new IllegalStateException("the store could not " + what + ": " + e.getMessage(), e);
        }
    }

    private int update(String what, String sql, Object... args) {
        return call(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private static void notify(Connection c, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, payload);
            s.execute();
        }
    }

    @Override
    public void renew(String replica, Instant until) {
        update("renew the lease of replica " + replica, "INSERT INTO agent_replica (replica, lease_until) VALUES (?, ?) "
                + "ON CONFLICT (replica) DO UPDATE SET lease_until = EXCLUDED.lease_until", replica, until.toEpochMilli());
    }

    @Override
    public void release(String replica) {
        update("release the lease of replica " + replica, "DELETE FROM agent_presence WHERE replica = ?", replica);
        update("release the lease of replica " + replica, "DELETE FROM agent_replica WHERE replica = ?", replica);
    }

    /**
     * A later connection wins; so does any connection over a presence whose replica's lease ran out (replicas' clocks
     * may differ, a dead one's row must not pin the agent).
     */
    @Override
    public void present(String agent, String replica, Instant since, Instant now) {
        update("record agent " + agent + " on replica " + replica, "INSERT INTO agent_presence (agent, replica, "
                + "connected_at) VALUES (?, ?, ?) ON CONFLICT (agent) DO UPDATE SET replica = EXCLUDED.replica, "
                + "connected_at = EXCLUDED.connected_at WHERE agent_presence.replica = EXCLUDED.replica "
                + "OR agent_presence.connected_at <= EXCLUDED.connected_at OR NOT EXISTS (SELECT 1 FROM agent_replica r "
                + "WHERE r.replica = agent_presence.replica AND r.lease_until > ?)", agent, replica,
                since.toEpochMilli(), now.toEpochMilli());
    }

    @Override
    public void absent(String agent, String replica) {
        update("remove agent " + agent + " from replica " + replica,
                "DELETE FROM agent_presence WHERE agent = ? AND replica = ?", agent, replica);
    }

    @Override
    public List<Presence> presences(Instant now) {
        return call("list the agents' replicas", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT p.agent, p.replica, p.connected_at FROM "
                    + "agent_presence p JOIN agent_replica r ON r.replica = p.replica WHERE r.lease_until > ? "
                    + "ORDER BY p.agent")) {
                s.setLong(1, now.toEpochMilli());
                List<Presence> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Presence(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Instant> leaseOf(String replica) {
        return call("read the lease of replica " + replica, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT lease_until FROM agent_replica WHERE replica = ?")) {
                s.setString(1, replica);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Instant.ofEpochMilli(r.getLong(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void submit(RelayJob job) {
        call("queue a job for replica " + job.replica(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO agent_relay_job (" + JOB_COLUMNS
                    + ", state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')")) {
                s.setString(1, job.id());
                s.setString(2, job.kind().name().toLowerCase());
                s.setString(3, job.agent());
                s.setString(4, job.replica());
                s.setString(5, job.requester());
                s.setString(6, job.command());
                s.setLong(7, job.timeoutMs());
                s.setString(8, String.join(" ", job.peers()));
                s.setLong(9, job.windowMs());
                s.setLong(10, job.createdAt().toEpochMilli());
                s.setLong(11, job.deadline().toEpochMilli());
                s.executeUpdate();
            }
            notify(c, "job " + job.replica());
            return null;
        });
    }

    @Override
    public List<RelayJob> queued(String replica) {
        return call("list the jobs queued for replica " + replica, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + JOB_COLUMNS + " FROM agent_relay_job "
                    + "WHERE replica = ? AND state = 'queued' ORDER BY created_at")) {
                s.setString(1, replica);
                List<RelayJob> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String peers = r.getString(8);
                        out.add(new RelayJob(r.getString(1), Kind.valueOf(r.getString(2).toUpperCase()),
                                r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getLong(7),
                                peers == null || peers.isBlank() ? List.of() : List.of(peers.split(" ")),
                                r.getLong(9), Instant.ofEpochMilli(r.getLong(10)), Instant.ofEpochMilli(r.getLong(11))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public boolean claim(String id, String replica, Instant at) {
        return update("claim job " + id, "UPDATE agent_relay_job SET state = 'running', claimed_at = ? "
                + "WHERE id = ? AND replica = ? AND state = 'queued'", at.toEpochMilli(), id, replica) == 1;
    }

    @Override
    public void ready(String id, String message) {
        call("write the ready of job " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_relay_job SET state = 'ready', ready = ? "
                    + "WHERE id = ? AND state = 'running'")) {
                s.setString(1, message);
                s.setString(2, id);
                s.executeUpdate();
            }
            notify(c, "ready " + id);
            return null;
        });
    }

    @Override
    public Optional<String> readyOf(String id) {
        return call("read the ready of job " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT ready FROM agent_relay_job WHERE id = ? "
                    + "AND ready IS NOT NULL")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void finish(String id, Outcome outcome) {
        call("write the result of job " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE agent_relay_job SET state = 'done', result = ?, "
                    + "error_kind = ?, error = ? WHERE id = ? AND state IN ('running', 'ready')")) {
                s.setString(1, outcome.result());
                s.setString(2, outcome.errorKind());
                s.setString(3, outcome.error() == null ? null
                        : outcome.error().length() > 4000 ? outcome.error().substring(0, 3999) + "…" : outcome.error());
                s.setString(4, id);
                s.executeUpdate();
            }
            notify(c, "result " + id);
            return null;
        });
    }

    @Override
    public Optional<Outcome> outcome(String id) {
        return call("read the result of job " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT result, error_kind, error FROM agent_relay_job "
                    + "WHERE id = ? AND state = 'done'")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Outcome(r.getString(1), r.getString(2), r.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean claimed(String id) {
        return call("read the state of job " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM agent_relay_job WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && !r.getString(1).equals("queued");
                }
            }
        });
    }

    @Override
    public void forget(String id) {
        update("delete job " + id, "DELETE FROM agent_relay_job WHERE id = ?", id);
    }

    @Override
    public void prune(Instant before) {
        update("prune relayed jobs", "DELETE FROM agent_relay_job WHERE deadline < ?", before.toEpochMilli());
        update("prune leases", "DELETE FROM agent_replica WHERE lease_until < ?", before.toEpochMilli());
        update("prune presences", "DELETE FROM agent_presence p WHERE NOT EXISTS (SELECT 1 FROM agent_replica r "
                + "WHERE r.replica = p.replica)");
    }

    /** Called from one thread only (the relay's loop). */
    @Override
    public boolean await(Duration max) throws InterruptedException {
        try {
            if (listening == null) {
                Connection c = pool.getConnection();
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                listening = c;
            }
            PGNotification[] got = listening.unwrap(PGConnection.class)
                    .getNotifications((int) Math.max(1, max.toMillis()));
            return got != null && got.length > 0;
        } catch (SQLException e) {
            LOG.debugf("relay: listening connection lost (%s); polling until it is back", e.getMessage());
            close();
            Thread.sleep(max.toMillis());
            return false;
        }
    }

    /** Gives the listening connection back to the pool. */
    void close() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *"); // the pool hands this session out again
            } catch (SQLException e) {
                LOG.debugf("relay: unlisten: %s", e.getMessage());
            }
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("relay: closing the listening connection: %s", e.getMessage());
            }
        }
    }
}
