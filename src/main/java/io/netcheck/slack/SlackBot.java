package io.netcheck.slack;

import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.socket_mode.SocketModeClient;
import io.netcheck.Checks;
import io.netcheck.diff.Baselines;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.schedule.StoredBaselines;
import io.netcheck.command.CommandParser;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.config.NetcheckConfig.SlackMode;
import io.netcheck.store.StoreUrl;
import io.netcheck.store.WatchStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import io.netcheck.agent.AgentRegistry;
import io.netcheck.agent.AgentRouting;
import io.netcheck.agent.RemoteChecks;
import io.netcheck.probe.DaemonThreads;
import io.netcheck.probe.TargetPolicy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;

/**
 * The Slack front end's lifecycle: a Bolt app reached over Socket Mode (no inbound port) or HTTP ({@code POST
 * /slack/events}), connected in the background until it works, and stopped with the app. The handlers
 * ({@link SlashCommand}, {@link RerunButton}, {@link IncidentButton}, {@link IncidentChannelPicked}) only parse,
 * acknowledge and queue — well inside Slack's 3 s — through {@link Admission}; bounded workers do the checks.
 */
@ApplicationScoped
public class SlackBot {
    private static final Logger LOG = Logger.getLogger(SlackBot.class);
    static final String COMMAND = "/netcheck";
    /** How long a delivery id is remembered: Slack's retries come within minutes. */
    static final Duration DEDUPE_WINDOW = Duration.ofMinutes(10);
    /** Reports kept for "Post to incident channel": how long, how many. */
    static final Duration KEEP_REPORTS = Duration.ofHours(24);
    static final int MAX_KEPT = 200;

    @Inject
    NetcheckConfig config;
    @Inject
    SlackCredentials credentials;
    @Inject
    CommandParser parser;
    @Inject
    Checks checks;
    @Inject
    Clock clock;
    @Inject
    Ticker ticker;
    @Inject
    Instance<WatchStore> store; // looked up only with the store on
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Inject
    AgentRegistry agentRegistry;
    @Inject
    AgentRouting agentRouting;
    @Inject
    RemoteChecks remoteChecks;
    @Inject
    TargetPolicy policy;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @Inject
    ChannelCommands channelCommands;
    private SlackMetrics metrics = SlackMetrics.NONE;

    private volatile SlackMode mode = SlackMode.OFF;
    private volatile String problem;
    private volatile boolean stopping;
    private volatile App app;
    private Slack slack;
    private MethodsClient methods;
    private SlackApi api;
    private volatile SocketModeApp socketMode;
    private ThreadPoolExecutor workers;
    private ScheduledExecutorService progress;
    private BotParts parts;
    private ExecutorService ledgerExecutor;
    private Admission admission;

    void start(@Observes StartupEvent event) {
        mode = resolveMode();
        if (mode == SlackMode.OFF) {
            LOG.info("Slack is off (no SLACK_APP_TOKEN or SLACK_SIGNING_SECRET); the CLI works without it");
            return;
        }
        String missing = credentials.botToken().isEmpty() ? "SLACK_BOT_TOKEN"
                : mode == SlackMode.SOCKET && credentials.appToken().isEmpty() ? "SLACK_APP_TOKEN"
                : mode == SlackMode.HTTP && credentials.signingSecret().isEmpty() ? "SLACK_SIGNING_SECRET" : null;
        if (missing != null) {
            problem = missing + " is not set: Slack " + mode.name().toLowerCase() + " mode cannot start";
            LOG.error(problem);
            return;
        }
        NetcheckConfig.Slack s = config.slack();
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(credentials.apiUrl());
        // Every call through this client is bounded (the SDK's OkHttp has no limit on a whole call by default).
        int httpTimeout = (int) Math.min(Integer.MAX_VALUE, Math.max(1, s.httpTimeout().toMillis()));
        slackConfig.setHttpClientCallTimeoutMillis(httpTimeout);
        slackConfig.setHttpClientReadTimeoutMillis(httpTimeout);
        slackConfig.setHttpClientWriteTimeoutMillis(httpTimeout);
        slack = Slack.getInstance(slackConfig);
        methods = slack.methods(credentials.botToken().get());
        metrics = new MicrometerSlackMetrics(registry);
        api = new SlackApi(s.maxAttempts(), s.retryBackoff(), s.maxRetryAfter(), d -> Thread.sleep(d.toMillis()),
                metrics);
        workers = new ThreadPoolExecutor(s.workers(), s.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(s.queue()), DaemonThreads.named("slack-run"));
        progress = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("slack-progress"));
        parts = new BotParts(slack, methods, api, metrics, workers, progress,
                new RecentRequests(ticker, DEDUPE_WINDOW, 10_000, ledger()),
                new KeptReports(clock, ticker, KEEP_REPORTS, MAX_KEPT, config.store().enabled()
                        ? new SharedKeptReports(store::get, json, clock, KEEP_REPORTS, MAX_KEPT) : null),
                new EvidenceThread(methods, api));
        admission = new Admission(config, parser, checks, policy,
                new Authorization(config.auth(), this::groupMembers, clock),
                new NamespaceGrants(config.kubernetes().channelNamespaces()), parts, this::lastWorked,
                remoteChecks);
        registry.gauge("netcheck.slack.queue.depth", workers, w -> w.getQueue().size());
        registry.gauge("netcheck.slack.runs.active", workers, ThreadPoolExecutor::getActiveCount);
        problem = "connecting to Slack";
        // Slack may be unreachable when the pod starts: keep trying in the background and stay not-ready
        // meanwhile, instead of dying and crash-looping.
        Thread connector = new Thread(this::connectUntilDone, "slack-connect");
        connector.setDaemon(true);
        connector.start();
    }

    /**
     * Waits until every run, button and channel command handed to the bot has finished (none queued or running): the
     * idle hook a test awaits before asserting that nothing was posted, instead of sleeping a while. Counts its own
     * polls rather than reading a clock, so a test's shifted clock cannot cut it short.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        for (long waited = 0; waited <= timeout.toMillis(); waited += 10) {
            if ((workers == null || idle(workers)) && channelCommands.idle()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Nothing queued or running in {@code pool}: every task handed to it has finished. */
    static boolean idle(ThreadPoolExecutor pool) {
        return pool.getQueue().isEmpty() && pool.getActiveCount() == 0
                && pool.getCompletedTaskCount() == pool.getTaskCount();
    }

    /** --compare: the last healthy results are the watch store's (none when the store is off). */
    private SinceLastWorked lastWorked() {
        return new SinceLastWorked(config.store().enabled() ? new StoredBaselines(store.get()) : Baselines.NONE,
                ZoneId.of(config.summary().zone()));
    }

    /**
     * Deliveries taken in the store, shared by every replica; none when the store is off or H2 (one replica only:
     * the local cache sees every delivery, and a row per ack is work a burst of commands pays for nothing).
     */
    private DeliveryLedger ledger() {
        if (!config.store().enabled() || !sharedStore()) {
            return DeliveryLedger.NONE;
        }
        // At most 4 lookups at once: while the store hangs, further deliveries are run at once (fail open) instead
        // of piling up threads.
        ledgerExecutor = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                DaemonThreads.named("slack-ledger"));
        return new StoreDeliveries(store::get, clock, DEDUPE_WINDOW, Duration.ofMillis(800), ledgerExecutor);
    }

    private boolean sharedStore() {
        try {
            return StoreUrl.parse(config.store().url()).kind() == StoreUrl.Kind.POSTGRESQL;
        } catch (IllegalArgumentException e) {
            return false; // reported where the store opens
        }
    }

    private void connectUntilDone() {
        Duration wait = Duration.ofSeconds(1);
        while (!stopping) {
            try {
                connect();
                problem = null;
                return;
            } catch (Exception e) {
                problem = "cannot reach Slack at " + credentials.apiUrl() + ": " + e.getMessage();
                LOG.warnf("%s; retrying in %d s", problem, wait.toSeconds());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait.multipliedBy(2);
        }
    }

    private void connect() throws Exception {
        AppConfig.AppConfigBuilder appConfig = AppConfig.builder().singleTeamBotToken(credentials.botToken().get())
                .slack(slack);
        credentials.signingSecret().ifPresent(appConfig::signingSecret);
        App candidate = new App(appConfig.build());
        candidate.command(COMMAND, new SlashCommand(parser, admission, channelCommands, parts, agentRegistry, agentRouting,
                clock));
        candidate.blockAction(SlackBlocks.RERUN_ACTION, new RerunButton(admission, parts));
        candidate.blockAction(SlackBlocks.INCIDENT_ACTION, new IncidentButton(parts));
        candidate.blockAction(SlackBlocks.INCIDENT_CHANNEL_ACTION, new IncidentChannelPicked(parts));
        if (mode == SlackMode.SOCKET) {
            SocketModeApp socket = new SocketModeApp(credentials.appToken().orElseThrow(),
                    SocketModeClient.Backend.JavaWebSocket, candidate);
            socket.startAsync();
            socketMode = socket;
            LOG.info("Slack: Socket Mode connected");
        } else {
            candidate.start(); // checks the bot token with auth.test
            LOG.info("Slack: HTTP mode, requests on POST /slack/events");
        }
        app = candidate;
    }

    private SlackMode resolveMode() {
        SlackMode configured = config.slack().mode();
        if (configured != SlackMode.AUTO) {
            return configured;
        }
        if (credentials.appToken().isPresent()) {
            return SlackMode.SOCKET;
        }
        return credentials.signingSecret().isPresent() ? SlackMode.HTTP : SlackMode.OFF;
    }

    MethodsClient methods() {
        return methods;
    }

    SlackApi api() {
        return api;
    }

    KeptReports kept() {
        return parts == null ? null : parts.kept();
    }

    EvidenceThread thread() {
        return parts == null ? null : parts.thread();
    }

    private java.util.Set<String> groupMembers(String group) {
        try {
            var response = api.call("usergroups.users.list", () -> methods.usergroupsUsersList(r -> r.usergroup(group)));
            return java.util.Set.copyOf(response.getUsers());
        } catch (SlackFailure e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The Bolt app for the HTTP endpoint; null unless in HTTP mode. */
    App httpApp() {
        return mode == SlackMode.HTTP ? app : null;
    }

    public SlackMode mode() {
        return mode;
    }

    /** Ready when the Slack side works: Socket Mode connected, or the HTTP app initialised; or Slack is off. */
    public boolean ready() {
        return switch (mode) {
            case OFF, AUTO -> true;
            case HTTP -> app != null && problem == null;
            case SOCKET -> socketMode != null && socketMode.getClient() != null && socketMode.getClient().verifyConnection();
        };
    }

    /** Why Slack is not ready, or null. */
    public String problem() {
        return problem;
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            if (socketMode != null) {
                socketMode.close();
            }
        } catch (Exception e) {
            LOG.debug("socket mode close", e);
        }
        if (workers != null) {
            // Let runs in flight finish their threads: a half-posted report is worse than a slower stop.
            workers.shutdown();
            try {
                workers.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            progress.shutdownNow();
        }
        if (ledgerExecutor != null) {
            ledgerExecutor.shutdownNow();
        }
    }
}
