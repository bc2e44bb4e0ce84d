package io.netcheck.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.audit.AuditLog;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The server's view of its agents: who is connected (name, zone, labels, since when, last heartbeat, version),
 * and the jobs in flight on each. A job ends with the agent's result, at its deadline, or at once when the
 * agent's connection goes (closed, or silent for three heartbeat intervals): never a hang.
 */
@ApplicationScoped
public class AgentRegistry implements LocalAgents {
    private static final Logger LOG = Logger.getLogger(AgentRegistry.class);

    /** One connected agent: its connection, what it said in its hello, its jobs in flight. */
    static final class Session {
        final WebSocketConnection connection;
        volatile AgentInfo info;
        final Map<String, CompletableFuture<AgentMessage.Result>> jobs = new ConcurrentHashMap<>();
        final Map<String, SideFlight> sides = new ConcurrentHashMap<>();
        final List<String> capabilities;

        Session(WebSocketConnection connection, AgentInfo info, List<String> capabilities) {
            this.connection = connection;
            this.info = info;
            this.capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        }
    }

    /** Told of connections coming and going (the relay records them in the store for the other replicas). */
    interface PresenceListener {
        void connected(AgentInfo info);

        void disconnected(String agent);
    }

    private static final PresenceListener NOBODY = new PresenceListener() {
        @Override
        public void connected(AgentInfo info) {
        }

        @Override
        public void disconnected(String agent) {
        }
    };

    private volatile PresenceListener presence = NOBODY;
    private final Map<String, Session> byName = new ConcurrentHashMap<>();
    private final Map<String, String> nameByConnection = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AgentTokens tokens;
    private final Duration heartbeat;
    private final Duration jobTimeout;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netcheck-agent-watchdog");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public AgentRegistry(NetcheckConfig config, Clock clock, MeterRegistry meters) {
        this(tokens(config.agent().tokens().orElse(null)), config.agent().heartbeat(), config.agent().jobTimeout(),
                clock, meters);
    }

    /** A bad token list is said once, and no agent can connect; the rest of netcheck runs on. */
    private static AgentTokens tokens(String spec) {
        try {
            return AgentTokens.parse(spec);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage() + ": no agent can connect until it is fixed");
            return AgentTokens.NONE;
        }
    }

    AgentRegistry(AgentTokens tokens, Duration heartbeat, Duration jobTimeout, Clock clock, MeterRegistry meters) {
        this.tokens = tokens;
        this.heartbeat = heartbeat;
        this.jobTimeout = jobTimeout;
        this.clock = clock;
        this.meters = meters;
        meters.gauge("netcheck.agents.connected", connected);
        long every = Math.max(200, heartbeat.toMillis());
        watchdog.scheduleWithFixedDelay(this::closeSilent, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
    }

    public AgentTokens tokens() {
        return tokens;
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public Duration jobTimeout() {
        return jobTimeout;
    }

    /** Connected agents, by name. */
    @Override
    public List<AgentInfo> agents() {
        return byName.values().stream().map(s -> s.info).sorted(Comparator.comparing(AgentInfo::name)).toList();
    }

    public int connectedCount() {
        return connected.get();
    }

    /** Whether the agent is connected to this replica. */
    @Override
    public boolean connected(String agent) {
        return byName.containsKey(agent);
    }

    @Override
    public boolean allowed(String agent) {
        return tokens.names().contains(agent);
    }

    /** Sets who hears of agents connecting and going; it is told of those already connected at once. */
    void listen(PresenceListener listener) {
        presence = listener;
        byName.values().forEach(s -> listener.connected(s.info));
    }

    // ---- connection events (from AgentEndpoint) ----

    /** @return null when accepted, else why not (the endpoint sends it and closes) */
    String hello(WebSocketConnection connection, String headerName, AgentMessage.Hello hello) {
        String remote = connection.handshakeRequest().remoteAddress();
        if (hello.protocol() != AgentProtocol.VERSION) {
            String why = "agent " + hello.name() + " speaks agent protocol " + hello.protocol() + ", this server speaks "
                    + AgentProtocol.VERSION + ": " + (hello.protocol() < AgentProtocol.VERSION
                    ? "the agent is too old, upgrade it to the server's netcheck version"
                    : "the agent is newer than the server, upgrade the server (or run the server's version on the agent)");
            audit("agent-refused", headerName, Map.of("remote", remote, "reason", why));
            return why;
        }
        if (!headerName.equals(hello.name())) {
            String why = "the hello names agent '" + hello.name() + "' but the connection was authorised for '"
                    + headerName + "'";
            audit("agent-refused", headerName, Map.of("remote", remote, "reason", why));
            return why;
        }
        Instant now = clock.instant();
        AgentInfo info = new AgentInfo(hello.name(), hello.zone(), hello.labels(), now, now, hello.version(),
                hello.protocol(), remote);
        Session previous = byName.put(hello.name(), new Session(connection, info, hello.capabilities()));
        nameByConnection.put(connection.id(), hello.name());
        if (previous != null) {
            // The same agent reconnected before its old connection was noticed gone: the new one wins.
            nameByConnection.remove(previous.connection.id());
            fail(previous, AgentException.Kind.GONE, "agent " + hello.name() + " reconnected; the job was on its old "
                    + "connection");
            previous.connection.close(new CloseReason(CloseReason.NORMAL.getCode(), "replaced by a new connection"))
                    .subscribe().with(x -> { }, e -> { });
        } else {
            connected.incrementAndGet();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("remote", remote);
        fields.put("zone", hello.zone());
        fields.put("labels", hello.labels());
        fields.put("version", hello.version());
        audit("agent-connect", hello.name(), fields);
        presence.connected(info);
        LOG.infof("agent %s connected from %s (version %s)", hello.name(), remote, hello.version());
        return null;
    }

    void heartbeat(WebSocketConnection connection) {
        Session s = session(connection);
        if (s != null) {
            s.info = s.info.heartbeat(clock.instant());
        }
    }

    void result(WebSocketConnection connection, AgentMessage.Result result) {
        Session s = session(connection);
        CompletableFuture<AgentMessage.Result> job = s == null ? null : s.jobs.remove(result.id());
        if (job != null) {
            job.complete(result);
        }
    }

    void closed(WebSocketConnection connection, String why) {
        String name = nameByConnection.remove(connection.id());
        if (name == null) {
            return;
        }
        Session s = byName.get(name);
        if (s != null && s.connection.id().equals(connection.id()) && byName.remove(name, s)) {
            connected.decrementAndGet();
            fail(s, AgentException.Kind.GONE, "agent " + name + " disconnected during the job (" + why + ")");
            audit("agent-disconnect", name, Map.of("reason", why));
            presence.disconnected(name);
            LOG.infof("agent %s disconnected: %s", name, why);
        }
    }

    private Session session(WebSocketConnection connection) {
        String name = nameByConnection.get(connection.id());
        Session s = name == null ? null : byName.get(name);
        return s != null && s.connection.id().equals(connection.id()) ? s : null;
    }

    /** Closes connections that have said nothing for three heartbeat intervals (a dead peer behind a NAT). */
    private void closeSilent() {
        Instant limit = clock.instant().minus(heartbeat.multipliedBy(3));
        for (Session s : byName.values()) {
            if (s.info.lastHeartbeat().isBefore(limit)) {
                closed(s.connection, "no heartbeat for " + heartbeat.multipliedBy(3).toSeconds() + " s");
                s.connection.close(new CloseReason(CloseReason.NORMAL.getCode(), "heartbeat timeout"))
                        .subscribe().with(x -> { }, e -> { });
            }
        }
    }

    private static void fail(Session s, AgentException.Kind kind, String why) {
        s.jobs.values().forEach(f -> f.completeExceptionally(new AgentException(kind, why)));
        s.jobs.clear();
        s.sides.values().forEach(f -> f.fail(new AgentException(kind, why)));
        s.sides.clear();
    }

    void sideReady(WebSocketConnection connection, AgentMessage.SideReady ready) {
        Session s = session(connection);
        SideFlight f = s == null ? null : s.sides.get(ready.id());
        if (f != null) {
            f.ready(ready, micros(clock.instant()));
        }
    }

    void sideResult(WebSocketConnection connection, AgentMessage.SideResult result) {
        Session s = session(connection);
        SideFlight f = s == null ? null : s.sides.remove(result.id());
        if (f != null) {
            f.result(result);
        }
    }

    /**
     * Starts the load balancer's side of a {@code vip --from} on an agent: it captures and probes the real servers
     * for {@code window} once ready.
     *
     * @throws AgentException not connected (listing who is), or an agent that cannot take it (too old)
     */
    public SideFlight startSide(String agent, String command, List<String> peers, Duration window) {
        Session s = connectedSession(agent);
        if (!s.capabilities.contains(AgentMessage.LB_SIDE)) {
            throw new AgentException(AgentException.Kind.USAGE, "agent " + agent + " (version " + s.info.version()
                    + ") cannot take vip --from: upgrade it to this server's netcheck version");
        }
        String id = UUID.randomUUID().toString();
        SideFlight flight = new SideFlight(this, s, agent, id, command, micros(clock.instant()), System.nanoTime());
        s.sides.put(id, flight);
        try {
            s.connection.sendTextAndAwait(AgentMessage.encode(new AgentMessage.SideJob(id, command, peers,
                    window.toMillis())));
        } catch (RuntimeException e) {
            s.sides.remove(id);
            flight.finished("gone");
            throw new AgentException(AgentException.Kind.GONE, "agent " + agent + " could not be sent the job: "
                    + e.getMessage());
        }
        return flight;
    }

    @Override
    public SideRun side(String agent, String command, List<String> peers, Duration window) {
        SideFlight f = startSide(agent, command, peers, window);
        return new SideRun() {
            @Override
            public AgentMessage.SideReady ready(Duration within) throws InterruptedException {
                return f.awaitReadyMessage(within);
            }

            @Override
            public AgentMessage.SideResult result(Duration within) throws InterruptedException {
                return f.awaitResultMessage(within);
            }

            @Override
            public void cancel() {
                f.cancel();
            }
        };
    }

    /** Forgets a side job (its caller gave up). */
    void forget(Session s, String id) {
        s.sides.remove(id);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    /**
     * A job's metrics and audit line.
     *
     * @param side {@code lb} for the load balancer's side of a vip --from, null for a check run on the agent
     */
    void record(String agent, String command, String side, String outcome, long nanos) {
        Timer.builder("netcheck.agent.job").tag("agent", agent).tag("outcome", outcome)
                .description("Round trip of a job on an agent: sent to result received")
                .publishPercentiles(0.5, 0.99).register(meters).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("netcheck.agent.jobs").tag("agent", agent).tag("outcome", outcome)
                .description("Jobs sent to agents, by outcome").register(meters).increment();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("command", command.length() > 500 ? command.substring(0, 500) + "…" : command);
        if (side != null) {
            fields.put("side", side);
        }
        fields.put("outcome", outcome);
        fields.put("durationMs", nanos / 1_000_000);
        audit("agent-job", agent, fields);
    }

    private Session connectedSession(String agent) {
        Session s = byName.get(agent);
        if (s == null) {
            List<String> names = agents().stream().map(AgentInfo::name).toList();
            throw new AgentException(AgentException.Kind.NOT_CONNECTED, "no agent '" + agent + "' is connected; "
                    + (names.isEmpty() ? "no agents are connected" : "connected: " + String.join(", ", names))
                    + (tokens.names().contains(agent) ? "" : " (and '" + agent + "' is not in NETCHECK_AGENT_TOKENS)"));
        }
        return s;
    }

    // ---- jobs ----

    /**
     * Runs a check on an agent and waits for its result: at most {@code budget} (capped at
     * netcheck.agent.job-timeout), less if the agent goes away.
     *
     * @throws AgentException not connected (listing who is), gone, timed out, or refused by the agent
     */
    @Override
    public AgentMessage.Result run(String agent, String command, Duration budget) throws InterruptedException {
        Session s = connectedSession(agent);
        Duration deadline = budget.compareTo(jobTimeout) > 0 ? jobTimeout : budget;
        String id = UUID.randomUUID().toString();
        CompletableFuture<AgentMessage.Result> future = new CompletableFuture<>();
        s.jobs.put(id, future);
        long started = System.nanoTime();
        String outcome = "error";
        try {
            s.connection.sendTextAndAwait(AgentMessage.encode(new AgentMessage.Job(id, command, deadline.toMillis())));
            AgentMessage.Result result = future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (result.error() != null) {
                outcome = result.errorKind() == null ? "error" : result.errorKind();
                throw new AgentException(AgentException.fromWire(result.errorKind()), result.error());
            }
            outcome = "ok";
            return result;
        } catch (TimeoutException e) {
            outcome = "timeout";
            throw new AgentException(AgentException.Kind.TIMEOUT, "agent " + agent + " gave no result within "
                    + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AgentException a) {
                outcome = a.kind() == AgentException.Kind.GONE ? "gone" : "error";
                throw a;
            }
            throw new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + ": " + e.getCause());
        } catch (RuntimeException e) {
            if (e instanceof AgentException) {
                throw e;
            }
            // The send failed: the connection is going away.
            outcome = "gone";
            throw new AgentException(AgentException.Kind.GONE, "agent " + agent + " could not be sent the job: "
                    + e.getMessage());
        } finally {
            s.jobs.remove(id);
            record(agent, command, null, outcome, System.nanoTime() - started);
        }
    }

    private static void audit(String event, String agent, Map<String, Object> more) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("agent", agent);
        fields.putAll(more);
        AuditLog.event(event, fields);
    }
}
