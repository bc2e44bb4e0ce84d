package io.netcheck.agent;

import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.http.UpgradeRejectedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;
import java.util.concurrent.ExecutionException;

/**
 * The agent process: dials out to the server, says hello, sends heartbeats, runs the jobs it is sent, and
 * reconnects with jittered exponential backoff whenever the connection goes. It keeps no state between jobs.
 */
public final class AgentClient {
    private static final Logger LOG = Logger.getLogger("netcheck.agent");

    private final AgentArgs args;
    private final String token;
    private final AgentJobs jobs;
    private final Duration heartbeat;
    private final Duration reconnectMax;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "agent-heartbeat"));
    private volatile boolean stopping;
    private volatile WebSocketClientConnection current;

    public AgentClient(AgentArgs args, String token, AgentJobs jobs, Duration heartbeat, Duration reconnectMax,
                       int maxJobs) {
        this.args = args;
        this.token = token;
        this.jobs = jobs;
        this.heartbeat = heartbeat;
        this.reconnectMax = reconnectMax;
        this.workers = new ThreadPoolExecutor(maxJobs, maxJobs, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "agent-job"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Connects and reconnects until {@link #stop()}. */
    public void runUntilStopped() {
        Duration backoff = Duration.ofSeconds(1);
        while (!stopping) {
            boolean welcomed = false;
            try {
                welcomed = session();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("agent %s: connection to %s failed: %s", args.name(), args.connect(), describe(e));
            }
            if (stopping) {
                return;
            }
            backoff = welcomed ? Duration.ofSeconds(1) : min(backoff.multipliedBy(2), reconnectMax);
            long wait = jitter(backoff);
            LOG.infof("agent %s: reconnecting in %d ms", args.name(), wait);
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public void stop() {
        stopping = true;
        WebSocketClientConnection c = current;
        if (c != null && c.isOpen()) {
            c.close(new CloseReason(CloseReason.NORMAL.getCode(), "agent stopping")).subscribe().with(x -> { }, e -> { });
        }
        workers.shutdownNow();
        timer.shutdownNow();
    }

    /** +-50 % around the backoff, so agents restarted together do not all reconnect in the same instant. */
    static long jitter(Duration backoff) {
        long ms = backoff.toMillis();
        return ms / 2 + ThreadLocalRandom.current().nextLong(ms + 1);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One connection, until it closes. @return whether the server welcomed us */
    private boolean session() throws InterruptedException {
        CompletableFuture<AgentMessage> answer = new CompletableFuture<>();
        CompletableFuture<String> closed = new CompletableFuture<>();
        long[] lastHeard = {System.nanoTime()};
        WebSocketClientConnection connection = BasicWebSocketConnector.create()
                .baseUri(args.connect())
                .path(AgentProtocol.PATH)
                .addHeader("Authorization", "Bearer " + token)
                .addHeader(AgentProtocol.NAME_HEADER, args.name())
                .executionModel(BasicWebSocketConnector.ExecutionModel.NON_BLOCKING)
                .onTextMessage((c, text) -> {
                    lastHeard[0] = System.nanoTime();
                    onMessage(c, text, answer);
                })
                .onClose((c, reason) -> closed.complete(reason == null ? "closed" : "code " + reason.getCode()
                        + (reason.getMessage() == null || reason.getMessage().isEmpty() ? "" : " " + reason.getMessage())))
                .connectAndAwait();
        current = connection;
        ScheduledFuture<?> beats = null;
        try {
            connection.sendTextAndAwait(AgentMessage.encode(new AgentMessage.Hello(AgentProtocol.VERSION, args.name(),
                    args.zone(), args.labels(), AgentProtocol.buildVersion(), List.of(AgentMessage.LB_SIDE))));
            AgentMessage first;
            try {
                first = answer.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warnf("agent %s: the server did not answer the hello within 10 s", args.name());
                return false;
            }
            if (first instanceof AgentMessage.Refused refused) {
                LOG.errorf("agent %s: the server refused this agent: %s", args.name(), refused.reason());
                return false;
            }
            long every = first instanceof AgentMessage.Welcome w && w.heartbeatMs() > 0 ? w.heartbeatMs()
                    : heartbeat.toMillis();
            LOG.infof("agent %s: connected to %s (protocol %d, heartbeat every %d ms)", args.name(), args.connect(),
                    AgentProtocol.VERSION, every);
            beats = timer.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastHeard[0] > TimeUnit.MILLISECONDS.toNanos(every * 3)) {
                    LOG.warnf("agent %s: nothing heard from the server for %d ms: reconnecting", args.name(), every * 3);
                    connection.close(new CloseReason(CloseReason.NORMAL.getCode(), "server silent"))
                            .subscribe().with(x -> { }, e -> { });
                    closed.complete("server silent");
                    return;
                }
                connection.sendText(AgentMessage.encode(new AgentMessage.Heartbeat(System.currentTimeMillis())))
                        .subscribe().with(x -> { }, e -> LOG.debugf("heartbeat not sent: %s", e.getMessage()));
            }, every, every, TimeUnit.MILLISECONDS);
            String why;
            try {
                why = closed.get();
            } catch (ExecutionException e) {
                why = String.valueOf(e.getCause());
            }
            if (!stopping) {
                LOG.warnf("agent %s: connection to the server lost (%s)", args.name(), why);
            }
            return true;
        } finally {
            if (beats != null) {
                beats.cancel(false);
            }
            current = null;
            if (connection.isOpen()) {
                connection.close().subscribe().with(x -> { }, e -> { });
            }
        }
    }

    private void onMessage(WebSocketClientConnection connection, String text, CompletableFuture<AgentMessage> answer) {
        AgentMessage message;
        try {
            message = AgentMessage.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warnf("agent %s: unreadable message from the server: %s", args.name(), e.getMessage());
            return;
        }
        if (message instanceof AgentMessage.Welcome || message instanceof AgentMessage.Refused) {
            answer.complete(message);
        } else if (message instanceof AgentMessage.SideJob job) {
            try {
                workers.execute(() -> {
                    AgentMessage.SideResult result = jobs.side(args.name(), job, ready -> connection.sendText(
                            AgentMessage.encode(ready)).subscribe().with(x -> { }, e -> LOG.warnf(
                            "agent %s: ready of job %s not sent: %s", args.name(), job.id(), e.getMessage())));
                    connection.sendText(AgentMessage.encode(result)).subscribe().with(x -> { },
                            e -> LOG.warnf("agent %s: result of job %s not sent: %s", args.name(), job.id(), e.getMessage()));
                });
            } catch (RejectedExecutionException e) {
                connection.sendText(AgentMessage.encode(AgentJobs.sideError(job, "busy", "agent " + args.name()
                        + " is busy (all its job slots are taken); try again shortly")))
                        .subscribe().with(x -> { }, err -> { });
            }
        } else if (message instanceof AgentMessage.Job job) {
            try {
                workers.execute(() -> {
                    AgentMessage.Result result = jobs.run(args.name(), job);
                    connection.sendText(AgentMessage.encode(result)).subscribe().with(x -> { },
                            e -> LOG.warnf("agent %s: result of job %s not sent: %s", args.name(), job.id(), e.getMessage()));
                });
            } catch (RejectedExecutionException e) {
                connection.sendText(AgentMessage.encode(AgentJobs.error(job, "busy", "agent " + args.name()
                        + " is busy (all its job slots are taken); try again shortly")))
                        .subscribe().with(x -> { }, err -> { });
            }
        }
    }

    /** Why a connection failed, in one line: a refused upgrade says so and what to check. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UpgradeRejectedException u) {
                return u.getStatus() == 401 ? "refused by the server (401): unknown agent name or wrong token; check "
                        + "NETCHECK_AGENT_TOKEN here and NETCHECK_AGENT_TOKENS on the server"
                        : "refused by the server (HTTP " + u.getStatus() + ")";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
