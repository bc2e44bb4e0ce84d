package io.netcheck.agent;

import io.netcheck.audit.AuditLog;
import io.netcheck.check.ClockOffset;
import io.netcheck.check.LbSide;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <p>The load balancer's side of a {@code vip --from} goes the same way in two steps: the owner writes the agent's
 * {@code side-ready} on the row as soon as it comes (the requester measures the clock offset between the agent and
 * itself from it, on its own clock), then its {@code side-result}.
 *
 * <p>{@link #tick()} does one round of that work; a thread calls it whenever another replica notifies and at least
 * every poll interval. Tests call it themselves with a clock they move.
 */
final class AgentRelay implements AgentRegistry.PresenceListener {
    private static final Logger LOG = Logger.getLogger(AgentRelay.class);
    /** Time for the hops through the store on top of the agent's own budget, before the requester gives up. */
    static final Duration TRANSPORT = Duration.ofSeconds(5);

    /** A side job's ready message, and when this replica read it (its clock, microseconds). */
    record Ready(String message, long receivedMicros) {
    }

    /**
     * A relayed job this replica waits for: the ready of a side job, then the outcome (the agent's message as JSON).
     *
     * @param sentMicros when it was queued (this replica's clock, microseconds)
     */
    record Waiter(RelayStore.RelayJob job, long sentMicros, CompletableFuture<Ready> ready,
                  CompletableFuture<String> outcome) {
        void fail(AgentException e) {
            ready.completeExceptionally(e);
            outcome.completeExceptionally(e);
        }
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
        Waiter w = submit(agent, owner, command, budget);
        String outcome = "error";
        try {
            String json = w.outcome().get(budget.plus(TRANSPORT).toMillis(), TimeUnit.MILLISECONDS);
            if (!(decode(json, w.job()) instanceof AgentMessage.Result r)) {
                throw unreadable(w.job());
            }
            outcome = "ok";
            return r;
        } catch (TimeoutException e) {
            outcome = "timeout";
            throw timedOut(agent, owner, budget.plus(TRANSPORT), "gave no result");
        } catch (ExecutionException e) {
            AgentException a = e.getCause() instanceof AgentException x ? x
                    : new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + " through replica " + owner
                    + ": " + e.getCause());
            outcome = a.kind().name().toLowerCase();
            throw a;
        } finally {
            done(w);
            audit("agent-relay", agent, owner, command, outcome, (System.nanoTime() - started) / 1_000_000, Map.of());
        }
    }

    /** The waiter goes, and its row: read, or given up (else pruned after its deadline). */
    private void done(Waiter w) {
        waiting.remove(w.job().id());
        try {
            store.forget(w.job().id());
        } catch (RuntimeException e) {
            LOG.debugf("relayed job %s: row not deleted (%s); pruned after its deadline", w.job().id(), e.getMessage());
        }
    }

    private static AgentMessage decode(String json, RelayStore.RelayJob job) {
        try {
            return AgentMessage.decode(json);
        } catch (IllegalArgumentException e) {
            throw unreadable(job);
        }
    }

    private static AgentException unreadable(RelayStore.RelayJob job) {
        return new AgentException(AgentException.Kind.INTERNAL, "replica " + job.replica()
                + " passed on an unreadable answer of agent " + job.agent());
    }

    /**
     * Starts the load balancer's side of a {@code vip --from} on an agent connected to another replica.
     *
     * @param budget how long the job may take on top of its capture window
     * @throws AgentException connected nowhere, or the job could not be queued
     */
    LbSide.Started startSide(String agent, String command, List<String> peers, Duration window, Duration budget) {
        String owner = owner(agent);
        if (owner.equals(replica)) {
            throw new AgentException(AgentException.Kind.NOT_CONNECTED, "agent " + agent + " disconnected a moment "
                    + "ago");
        }
        return new RelayedSide(submit(RelayStore.Kind.SIDE, agent, owner, command, peers, window, budget),
                System.nanoTime());
    }

    /** The requester's end of a relayed side job: what {@link SideFlight} is for a local one. */
    private final class RelayedSide implements LbSide.Started {
        private final Waiter w;
        private final long started;
        private final AtomicBoolean over = new AtomicBoolean();

        RelayedSide(Waiter w, long started) {
            this.w = w;
            this.started = started;
        }

        @Override
        public LbSide.Ready awaitReady(Duration within) throws InterruptedException {
            Ready r = await(w.ready(), within, "did not start its capture");
            if (!(decode(r.message(), w.job()) instanceof AgentMessage.SideReady m)) {
                end("internal");
                throw unreadable(w.job());
            }
            return new LbSide.Ready(ClockOffset.measured(w.sentMicros(), m.agentClockMicros(), r.receivedMicros()),
                    m.problem());
        }

        @Override
        public LbSide.Result finish(Duration within) throws InterruptedException {
            String json = await(w.outcome(), within, "gave no result");
            if (!(decode(json, w.job()) instanceof AgentMessage.SideResult m)) {
                end("internal");
                throw unreadable(w.job());
            }
            try {
                LbSide.Result out = SideFlight.result(w.job().agent(), m);
                end("ok");
                return out;
            } catch (AgentException e) {
                end("internal");
                throw e;
            }
        }

        @Override
        public void cancel() {
            end("cancelled");
        }

        private <T> T await(CompletableFuture<T> f, Duration within, String what) throws InterruptedException {
            try {
                return f.get(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                end("timeout");
                throw timedOut(w.job().agent(), w.job().replica(), within, what);
            } catch (ExecutionException e) {
                AgentException a = e.getCause() instanceof AgentException x ? x
                        : new AgentException(AgentException.Kind.INTERNAL, "agent " + w.job().agent()
                        + " through replica " + w.job().replica() + ": " + e.getCause());
                end(a.kind().name().toLowerCase());
                throw a;
            }
        }

        private void end(String outcome) {
            if (over.compareAndSet(false, true)) {
                done(w);
                audit("agent-relay", w.job().agent(), w.job().replica(), w.job().command(), outcome,
                        (System.nanoTime() - started) / 1_000_000, Map.of("side", "lb"));
            }
        }
    }

    /** Queues a job for the replica holding the agent; its ready and outcome complete at later {@link #tick()}s. */
    Waiter submit(RelayStore.Kind kind, String agent, String owner, String command, List<String> peers,
                  Duration window, Duration budget) {
        Instant now = clock.instant();
        RelayStore.RelayJob job = new RelayStore.RelayJob(UUID.randomUUID().toString(), kind, agent, owner, replica,
                command, budget.toMillis(), peers, window.toMillis(), now, now.plus(window).plus(budget)
                .plus(TRANSPORT));
        Waiter w = new Waiter(job, micros(now), new CompletableFuture<>(), new CompletableFuture<>());
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

    /** A check job: what {@link #run} queues. */
    Waiter submit(String agent, String owner, String command, Duration budget) {
        return submit(RelayStore.Kind.CHECK, agent, owner, command, List.of(), Duration.ZERO, budget);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
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
        if (job.kind() == RelayStore.Kind.SIDE && !w.ready().isDone()) {
            // Before the outcome: a window may have ended between two rounds, and the ready still counts.
            store.readyOf(job.id()).ifPresent(m -> w.ready().complete(new Ready(m, micros(now))));
        }
        Optional<RelayStore.Outcome> outcome = store.outcome(job.id());
        if (outcome.isPresent()) {
            RelayStore.Outcome o = outcome.get();
            if (o.errorKind() != null) {
                AgentException.Kind kind;
                try {
                    kind = AgentException.Kind.valueOf(o.errorKind());
                } catch (IllegalArgumentException e) {
                    kind = AgentException.Kind.INTERNAL;
                }
                w.fail(new AgentException(kind, o.error()));
            } else {
                w.ready().completeExceptionally(new AgentException(AgentException.Kind.INTERNAL, "agent "
                        + job.agent() + " answered before saying its capture was ready"));
                w.outcome().complete(o.result());
            }
            return;
        }
        Optional<Instant> owner = store.leaseOf(job.replica());
        if (owner.isEmpty() || owner.get().isBefore(now)) {
            w.fail(new AgentException(AgentException.Kind.GONE, "agent " + job.agent()
                    + " is on replica " + job.replica() + ", which stopped renewing its lease "
                    + (store.claimed(job.id()) ? "during the job" : "before taking the job")
                    + " (it stopped or died); the agent reconnects to another replica: ask again in a moment"));
        } else if (now.isAfter(job.deadline())) {
            w.fail(timedOut(job.agent(), job.replica(), Duration.between(job.createdAt(), job.deadline()),
                    "gave no result"));
        }
    }

    private static AgentException timedOut(String agent, String owner, Duration within, String what) {
        return new AgentException(AgentException.Kind.TIMEOUT, "agent " + agent + " (on replica " + owner + ") "
                + what + " within " + within.toMillis() + " ms");
    }

    /** Runs a job claimed here on this replica's connection to the agent, and writes its outcome. */
    void execute(RelayStore.RelayJob job) {
        long started = System.nanoTime();
        RelayStore.Outcome outcome;
        try {
            outcome = job.kind() == RelayStore.Kind.SIDE ? side(job)
                    : RelayStore.Outcome.of(local.run(job.agent(), job.command(), left(job)));
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
        if (job.kind() == RelayStore.Kind.SIDE) {
            fields.put("side", "lb");
        }
        audit("agent-relayed-job", job.agent(), replica, job.command(),
                outcome.errorKind() == null ? "ok" : outcome.errorKind().toLowerCase(),
                (System.nanoTime() - started) / 1_000_000, fields);
    }

    /** What is left of a job's time on this replica: its budget, less what queueing here and the hops took. */
    private Duration left(RelayStore.RelayJob job) {
        Duration left = Duration.between(clock.instant(), job.deadline().minus(TRANSPORT));
        long cap = job.timeoutMs() + job.windowMs();
        return Duration.ofMillis(Math.max(1, Math.min(cap, left.toMillis())));
    }

    /** A side job: its ready written as soon as the agent says it, then its result. */
    private RelayStore.Outcome side(RelayStore.RelayJob job) throws InterruptedException {
        LocalAgents.SideRun run = local.side(job.agent(), job.command(), job.peers(), Duration.ofMillis(job.windowMs()));
        try {
            store.ready(job.id(), AgentMessage.encode(run.ready(left(job))));
            return new RelayStore.Outcome(AgentMessage.encode(run.result(left(job))), null, null);
        } catch (RuntimeException | InterruptedException e) {
            run.cancel();
            throw e;
        }
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
        waiting.values().forEach(w -> w.fail(new AgentException(AgentException.Kind.GONE, "replica " + replica
                + " is stopping")));
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
