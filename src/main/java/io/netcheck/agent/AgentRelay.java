package io.netcheck.agent;

import io.netcheck.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Agents on any replica: a job for an agent connected to another replica goes there through the store
 * ({@link RelayStore}) and its result comes back the same way.
 *
 * <p>The replica that took the request has already applied its target policy, authorisation, limits and audit; it
 * queues the job for the replica named in the agent's presence row and waits, at most until the job's deadline, and
 * less when that replica's lease runs out (it died). The owning replica claims the job with a compare-and-set, runs it
 * on its connection to the agent exactly as a local job (the agent applies its own policy), and writes the agent's
 * result message. Every replica renews its lease and re-asserts its agents' presence every third of the lease.
 *
 * <p>{@link #tick()} does one round of that work; a thread calls it whenever another replica notifies and at least
 * every poll interval. Tests call it themselves with a clock they move.
 */
final class AgentRelay implements AgentRegistry.PresenceListener {
    private static final Logger LOG = Logger.getLogger(AgentRelay.class);
    /** Time for the hops through the store on top of the agent's own budget, before the requester gives up. */
    static final Duration TRANSPORT = Duration.ofSeconds(5);

    /** A relayed job this replica waits for. */
    record Waiter(RelayStore.RelayJob job, CompletableFuture<AgentMessage.Result> result) {
    }

    private final RelayStore store;
    private final LocalAgents local;
    private final String replica;
    private final Clock clock;
    private final Duration lease;
    private final Executor jobs;
    private final Executor presence;
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private volatile Instant renewed = Instant.EPOCH;

    /**
     * @param jobs     runs the jobs this replica claimed (each blocks until its agent answers)
     * @param presence writes presence changes, one at a time and in order (a connect, then its disconnect)
     */
    AgentRelay(RelayStore store, LocalAgents local, String replica, Clock clock, Duration lease, Executor jobs,
               Executor presence) {
        this.store = store;
        this.local = local;
        this.replica = replica;
        this.clock = clock;
        this.lease = lease;
        this.jobs = jobs;
        this.presence = presence;
    }

    String replica() {
        return replica;
    }

    /**
     * Runs a check on the agent wherever it is connected: on this replica's connection, or relayed to the replica
     * that holds it.
     *
     * @throws AgentException connected nowhere (listing who is, and where), the owning replica gone, timed out, or
     *                        what the agent or its replica said
     */
    AgentMessage.Result run(String agent, String command, Duration budget) throws InterruptedException {
        if (local.connected(agent)) {
            return local.run(agent, command, budget);
        }
        String owner = owner(agent);
        if (owner.equals(replica)) {
            return local.run(agent, command, budget); // its connection went a moment ago: the registry says so
        }
        long started = System.nanoTime();
        String id = submit(agent, owner, command, budget).job().id();
        CompletableFuture<AgentMessage.Result> result = waiting.get(id).result();
        String outcome = "error";
        try {
            AgentMessage.Result r = result.get(budget.plus(TRANSPORT).toMillis(), TimeUnit.MILLISECONDS);
            outcome = "ok";
            return r;
        } catch (TimeoutException e) {
            outcome = "timeout";
            throw timedOut(agent, owner, budget);
        } catch (ExecutionException e) {
            AgentException a = e.getCause() instanceof AgentException x ? x
                    : new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + " through replica " + owner
                    + ": " + e.getCause());
            outcome = a.kind().name().toLowerCase();
            throw a;
        } finally {
            Waiter w = waiting.remove(id);
            try {
                store.forget(id);
            } catch (RuntimeException e) {
                LOG.debugf("relayed job %s: row not deleted (%s); pruned after its deadline", id, e.getMessage());
            }
            audit("agent-relay", agent, owner, w == null ? command : w.job().command(), outcome,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Queues a job for the replica holding the agent; its result completes at a later {@link #tick()}. */
    Waiter submit(String agent, String owner, String command, Duration budget) {
        Instant now = clock.instant();
        RelayStore.RelayJob job = new RelayStore.RelayJob(UUID.randomUUID().toString(), agent, owner, replica, command,
                budget.toMillis(), now, now.plus(budget).plus(TRANSPORT));
        Waiter w = new Waiter(job, new CompletableFuture<>());
        waiting.put(job.id(), w);
        try {
            store.submit(job);
        } catch (RuntimeException e) {
            waiting.remove(job.id());
            throw new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + " is on replica " + owner
                    + " but the job could not be passed there through the store: " + e.getMessage());
        }
        return w;
    }

    /** The replica holding the agent's connection (its lease live), or a "connected nowhere" error listing who is. */
    String owner(String agent) {
        List<RelayStore.Presence> all;
        try {
            all = store.presences(clock.instant());
        } catch (RuntimeException e) {
            throw new AgentException(AgentException.Kind.NOT_CONNECTED, "no agent '" + agent + "' is connected to "
                    + "this replica, and the store could not say whether another replica has it: " + e.getMessage());
        }
        Optional<RelayStore.Presence> found = all.stream().filter(p -> p.agent().equals(agent)).findFirst();
        if (found.isPresent()) {
            return found.get().replica();
        }
        Map<String, String> where = new TreeMap<>();
        all.forEach(p -> where.put(p.agent(), p.replica().equals(replica) ? "this replica" : "replica " + p.replica()));
        local.agents().forEach(a -> where.put(a.name(), "this replica"));
        throw new AgentException(AgentException.Kind.NOT_CONNECTED, "no agent '" + agent + "' is connected to any "
                + "replica; " + (where.isEmpty() ? "no agents are connected"
                : "connected: " + where.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", ")))
                + (local.allowed(agent) ? "" : " (and '" + agent + "' is not in NETCHECK_AGENT_TOKENS)"));
    }

    /** The replica holding the agent when it is not this one, else empty (local, or connected nowhere). */
    Optional<String> elsewhere(String agent) {
        if (local.connected(agent)) {
            return Optional.empty();
        }
        try {
            return store.presences(clock.instant()).stream().filter(p -> p.agent().equals(agent))
                    .map(RelayStore.Presence::replica).filter(r -> !r.equals(replica)).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * One round: renew the lease (and re-assert this replica's agents) when a third of it has passed, claim and start
     * the jobs queued here, and settle the jobs this replica waits for (result written, owner's lease run out, or
     * deadline passed).
     */
    void tick() {
        Instant now = clock.instant();
        if (!now.isBefore(renewed.plus(lease.dividedBy(3)))) {
            store.renew(replica, now.plus(lease));
            for (AgentInfo a : local.agents()) {
                store.present(a.name(), replica, a.connectedSince(), now);
            }
            store.prune(now.minus(lease));
            renewed = now;
        }
        for (RelayStore.RelayJob job : store.queued(replica)) {
            if (store.claim(job.id(), replica, now)) {
                jobs.execute(() -> execute(job));
            }
        }
        for (Waiter w : waiting.values()) {
            settle(w, now);
        }
    }

    private void settle(Waiter w, Instant now) {
        RelayStore.RelayJob job = w.job();
        Optional<RelayStore.Outcome> outcome = store.outcome(job.id());
        if (outcome.isPresent()) {
            complete(w, outcome.get());
            return;
        }
        Optional<Instant> owner = store.leaseOf(job.replica());
        if (owner.isEmpty() || owner.get().isBefore(now)) {
            w.result().completeExceptionally(new AgentException(AgentException.Kind.GONE, "agent " + job.agent()
                    + " is on replica " + job.replica() + ", which stopped renewing its lease "
                    + (store.claimed(job.id()) ? "during the job" : "before taking the job")
                    + " (it stopped or died); the agent reconnects to another replica: ask again in a moment"));
        } else if (now.isAfter(job.deadline())) {
            w.result().completeExceptionally(timedOut(job.agent(), job.replica(), Duration.ofMillis(job.timeoutMs())));
        }
    }

    private static void complete(Waiter w, RelayStore.Outcome o) {
        if (o.errorKind() != null) {
            AgentException.Kind kind;
            try {
                kind = AgentException.Kind.valueOf(o.errorKind());
            } catch (IllegalArgumentException e) {
                kind = AgentException.Kind.INTERNAL;
            }
            w.result().completeExceptionally(new AgentException(kind, o.error()));
            return;
        }
        try {
            if (AgentMessage.decode(o.result()) instanceof AgentMessage.Result r) {
                w.result().complete(r);
                return;
            }
        } catch (IllegalArgumentException e) {
            LOG.debugf("relayed job %s: %s", w.job().id(), e.getMessage());
        }
        w.result().completeExceptionally(new AgentException(AgentException.Kind.INTERNAL, "replica "
                + w.job().replica() + " wrote an unreadable result for agent " + w.job().agent()));
    }

    private static AgentException timedOut(String agent, String owner, Duration budget) {
        return new AgentException(AgentException.Kind.TIMEOUT, "agent " + agent + " (on replica " + owner
                + ") gave no result within " + budget.plus(TRANSPORT).toMillis() + " ms");
    }

    /** Runs a job claimed here on this replica's connection to the agent, and writes its outcome. */
    void execute(RelayStore.RelayJob job) {
        long started = System.nanoTime();
        Duration left = Duration.between(clock.instant(), job.deadline().minus(TRANSPORT));
        Duration budget = Duration.ofMillis(Math.max(1, Math.min(job.timeoutMs(), left.toMillis())));
        RelayStore.Outcome outcome;
        try {
            outcome = RelayStore.Outcome.of(local.run(job.agent(), job.command(), budget));
        } catch (AgentException e) {
            outcome = RelayStore.Outcome.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new RelayStore.Outcome(null, AgentException.Kind.GONE.name(), "replica " + replica
                    + " stopped during the job on agent " + job.agent());
        } catch (RuntimeException e) {
            LOG.debug("relayed job failed", e);
            outcome = new RelayStore.Outcome(null, AgentException.Kind.INTERNAL.name(), "agent " + job.agent()
                    + " on replica " + replica + ": " + e);
        }
        try {
            store.finish(job.id(), outcome);
        } catch (RuntimeException e) {
            LOG.warnf("relayed job %s for agent %s: the result could not be written (%s); the requester times out",
                    job.id(), job.agent(), e.getMessage());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requester", job.requester());
        audit("agent-relayed-job", job.agent(), replica, job.command(),
                outcome.errorKind() == null ? "ok" : outcome.errorKind().toLowerCase(),
                (System.nanoTime() - started) / 1_000_000, fields);
    }

    @Override
    public void connected(AgentInfo info) {
        presence.execute(() -> {
            try {
                store.present(info.name(), replica, info.connectedSince(), clock.instant());
            } catch (RuntimeException e) {
                LOG.warnf("agent %s: its presence could not be written (%s); retried at the next lease renewal",
                        info.name(), e.getMessage());
            }
        });
    }

    @Override
    public void disconnected(String agent) {
        presence.execute(() -> {
            try {
                store.absent(agent, replica);
            } catch (RuntimeException e) {
                LOG.warnf("agent %s: its presence could not be removed (%s); it lapses with this replica's lease",
                        agent, e.getMessage());
            }
        });
    }

    /** A clean stop: the lease is given up (this replica's agents reconnect elsewhere), waiters fail at once. */
    void stop() {
        try {
            store.release(replica);
        } catch (RuntimeException e) {
            LOG.debugf("lease of %s not released: %s", replica, e.getMessage());
        }
        waiting.values().forEach(w -> w.result().completeExceptionally(new AgentException(AgentException.Kind.GONE,
                "replica " + replica + " is stopping")));
    }

    private static void audit(String event, String agent, String replica, String command, String outcome, long ms) {
        audit(event, agent, replica, command, outcome, ms, Map.of());
    }

    private static void audit(String event, String agent, String replica, String command, String outcome, long ms,
                              Map<String, Object> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("agent", agent);
        fields.put("replica", replica);
        fields.putAll(more);
        fields.put("command", command.length() > 500 ? command.substring(0, 500) + "…" : command);
        fields.put("outcome", outcome);
        fields.put("durationMs", ms);
        AuditLog.event(event, fields);
    }
}
