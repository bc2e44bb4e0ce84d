package io.netcheck.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What replicas share to reach each other's agents: their leases, where each agent is connected, and the relayed
 * jobs. {@link PgRelayStore} keeps it in PostgreSQL (wake-ups by LISTEN/NOTIFY); tests keep it in memory.
 */
interface RelayStore {
    /** Renews (or creates) this replica's lease. */
    void renew(String replica, Instant until);

    /** This replica gave up its lease (a clean shutdown): its agents count as connected nowhere at once. */
    void release(String replica);

    /**
     * The agent is connected here since {@code since}; a presence elsewhere with a later connection is kept, unless
     * that replica's lease ran out by {@code now}.
     */
    void present(String agent, String replica, Instant since, Instant now);

    /** The agent's connection here is gone (a presence on another replica is left alone). */
    void absent(String agent, String replica);

    /** Where each agent is connected, on replicas whose lease has not run out at {@code now}. */
    List<Presence> presences(Instant now);

    /** When a replica's lease runs out; empty when it has none (released, or never had one). */
    Optional<Instant> leaseOf(String replica);

    /** Queues a job for the replica that holds its agent, and wakes it. */
    void submit(RelayJob job);

    /** Jobs queued for this replica, oldest first. */
    List<RelayJob> queued(String replica);

    /** The compare-and-set that makes a job this replica's to run: false when another call took it first. */
    boolean claim(String id, String replica, Instant at);

    /** A claimed side job's agent is capturing: writes its {@code side-ready} message and wakes the requester. */
    void ready(String id, String message);

    /** A side job's {@code side-ready} message once written. */
    Optional<String> readyOf(String id);

    /** Writes a claimed job's outcome and wakes the requester. */
    void finish(String id, Outcome outcome);

    /** A job's outcome once written; empty while queued or running (or when the row is gone). */
    Optional<Outcome> outcome(String id);

    /** Whether the job was claimed (running or done). */
    boolean claimed(String id);

    /** Deletes a job's row (its requester has read it, or given up). */
    void forget(String id);

    /** Deletes jobs past their deadline by {@code before}, and leases that ran out before it. */
    void prune(Instant before);

    /** Blocks up to {@code max} until another replica notifies (a job or a result); false when nothing came. */
    boolean await(Duration max) throws InterruptedException;

    /** An agent's connection as the store has it. */
    record Presence(String agent, String replica, Instant connectedAt) {
    }

    /** A check run on the agent, or the load balancer's side of a {@code vip --from}. */
    enum Kind {
        CHECK, SIDE
    }

    /**
     * A job relayed from {@code requester} to {@code replica}, which holds the agent's connection.
     *
     * @param command   the check as the agent runs it (the same words a local job sends)
     * @param timeoutMs the job's budget on the agent
     * @param peers     a side job's peers (netcheck's addresses towards the VIP); empty for a check
     * @param windowMs  a side job's capture window; 0 for a check
     * @param deadline  when the requester stops waiting
     */
    record RelayJob(String id, Kind kind, String agent, String replica, String requester, String command,
                    long timeoutMs, List<String> peers, long windowMs, Instant createdAt, Instant deadline) {
        public RelayJob {
            peers = List.copyOf(peers);
        }
    }

    /**
     * A relayed job's outcome: the agent's result message ({@link AgentMessage.Result}, as on the agent's
     * connection) or an error the owning replica met ({@link AgentException.Kind} name and message).
     */
    record Outcome(String result, String errorKind, String error) {
        static Outcome of(AgentMessage.Result r) {
            return new Outcome(AgentMessage.encode(r), null, null);
        }

        static Outcome of(AgentException e) {
            return new Outcome(null, e.kind().name(), e.getMessage());
        }
    }
}
