package io.netcheck.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.socket_mode.SocketModeClient;
import io.netcheck.Checks;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.config.NetcheckConfig.SlackMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The Slack front end: a Bolt app reached over Socket Mode (no inbound port) or HTTP ({@code POST
 * /slack/events}). Handlers only parse, acknowledge and queue — well inside Slack's 3 s — and bounded
 * workers do the checks.
 */
@ApplicationScoped
public class SlackBot {
    private static final Logger LOG = Logger.getLogger(SlackBot.class);
    static final String COMMAND = "/netcheck";

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
    io.netcheck.probe.TargetPolicy policy;
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
    private RecentRequests recent;
    private Authorization authorization;
    private KeptReports kept;
    private EvidenceThread thread;
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> perUser =
            new java.util.concurrent.ConcurrentHashMap<>();

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
        recent = new RecentRequests(ticker, Duration.ofMinutes(10), 10_000);
        kept = new KeptReports(clock, ticker, Duration.ofHours(24), 200);
        thread = new EvidenceThread(methods, api);
        authorization = new Authorization(config.auth(), this::groupMembers, clock);
        workers = new ThreadPoolExecutor(s.workers(), s.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(s.queue()), io.netcheck.probe.DaemonThreads.named("slack-run"));
        progress = Executors.newSingleThreadScheduledExecutor(io.netcheck.probe.DaemonThreads.named("slack-progress"));
        registry.gauge("netcheck.slack.queue.depth", workers, w -> w.getQueue().size());
        registry.gauge("netcheck.slack.runs.active", workers, ThreadPoolExecutor::getActiveCount);
        problem = "connecting to Slack";
        // Slack may be unreachable when the pod starts: keep trying in the background and stay not-ready
        // meanwhile, instead of dying and crash-looping.
        Thread connector = new Thread(this::connectUntilDone, "slack-connect");
        connector.setDaemon(true);
        connector.start();
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
        candidate.command(COMMAND, this::onCommand);
        candidate.blockAction(SlackBlocks.RERUN_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            String text = p.getActions().get(0).getValue();
            String channel = p.getChannel() != null ? p.getChannel().getId() : null;
            if (recent.firstTime(p.getTriggerId()) && channel != null) {
                String refusal = accept(text, channel, p.getUser().getId(), p.getResponseUrl());
                if (refusal != null) {
                    ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(refusal));
                }
            }
            return ctx.ack();
        });
        candidate.blockAction(SlackBlocks.INCIDENT_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            String runId = p.getActions().get(0).getValue();
            if (kept.get(runId) == null) {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(":hourglass: this report is "
                        + "no longer kept (reports are kept " + kept.keep().toHours() + " h, and not across restarts): "
                        + "run the check again with --to #channel"));
            } else {
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text("Post to which channel?")
                        .blocks(SlackBlocks.incidentPicker(runId)));
            }
            return ctx.ack();
        });
        candidate.blockAction(SlackBlocks.INCIDENT_CHANNEL_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            var action = p.getActions().get(0);
            String runId = action.getBlockId() != null && action.getBlockId().startsWith("incident:")
                    ? action.getBlockId().substring("incident:".length()) : null;
            String target = action.getSelectedConversation();
            String user = p.getUser().getId();
            String responseUrl = p.getResponseUrl();
            if (recent.firstTime(p.getTriggerId() == null ? action.getActionTs() : p.getTriggerId())) {
                postIncident(runId, target, user, responseUrl);
            }
            return ctx.ack();
        });
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

    private Response onCommand(SlashCommandRequest req, SlashCommandContext ctx) {
        var p = req.getPayload();
        // Slack redelivers (HTTP X-Slack-Retry-Num, Socket Mode retry_attempt) with the same trigger_id: run it
        // only the first time we see it. A redelivery of something never received still runs.
        boolean redelivered = retryNumber(req.getHeaders()) > 0;
        if (!recent.firstTime(p.getTriggerId()) || (p.getTriggerId() == null && redelivered)) {
            return ctx.ack();
        }
        List<String> words;
        IncidentTarget to;
        try {
            to = IncidentTarget.split(SlackText.words(p.getText()));
            words = to.words();
        } catch (IllegalArgumentException e) {
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), "refused", e.getMessage());
            metrics.rejected("input");
            return ctx.ack(r -> r.responseType("ephemeral").text(":warning: " + e.getMessage()));
        }
        Command command;
        try {
            command = parser.parse(words);
        } catch (UsageException e) {
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), "refused", e.getMessage());
            metrics.rejected("input");
            return ctx.ack(r -> r.responseType("ephemeral").text(e.getMessage())
                    .blocks(SlackBlocks.usage(e.getMessage(), e.usage())));
        }
        if (command instanceof Command.Help help) {
            String text = CommandParser.helpFor(help.topic());
            return ctx.ack(r -> r.responseType("ephemeral").text(text)
                    .blocks(SlackBlocks.usageFree("```\n" + SlackBlocks.esc(text.replace("\nusage: ", "\nusage: "
                            + COMMAND + " ")) + "\n```")));
        }
        if (command instanceof Command.ChannelCommand channelCommand) {
            String refusal = to.channel() != null
                    ? "--to goes on a check; a watch's outages go to netcheck.watch.incident-channel"
                    : channelRefusal(words, channelCommand, p.getUserId(), p.getChannelId());
            Audit.decision(p.getUserId(), p.getChannelId(), p.getText(), refusal == null ? "accepted" : "refused", refusal);
            if (refusal != null) {
                metrics.rejected(refusal.startsWith(":lock:") ? "authorisation" : "input");
                return ctx.ack(r -> r.responseType("ephemeral").text(refusal)
                        .blocks(SlackBlocks.usageFree(":warning: " + SlackBlocks.esc(refusal))));
            }
            String busy = channelCommands.submit(channelCommand, p.getChannelId(), p.getUserId(), p.getResponseUrl(),
                    slack, methods, api);
            // An empty ack shows nothing; the answer follows in the channel or privately.
            return busy == null ? ctx.ack() : ctx.ack(r -> r.responseType("ephemeral").text(busy));
        }
        String refusal = accept(p.getText(), p.getChannelId(), p.getUserId(), p.getResponseUrl());
        if (refusal != null) {
            return ctx.ack(r -> r.responseType("ephemeral").text(refusal)
                    .blocks(SlackBlocks.usageFree(":warning: " + SlackBlocks.esc(refusal))));
        }
        return ctx.ack(r -> r.responseType("ephemeral").text(":mag: Checking `" + SlackBlocks.esc(
                SlackBlocks.truncate(p.getText(), 200)) + "` — the report will appear in this channel."));
    }

    private static int retryNumber(com.slack.api.bolt.request.RequestHeaders headers) {
        String value = headers == null ? null : headers.getFirstValue("X-Slack-Retry-Num");
        if (value == null && headers != null) {
            value = headers.getFirstValue("x-slack-retry-num");
        }
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Parses and queues a run; returns why it was refused, or null when accepted. */
    String accept(String text, String channel, String user, String responseUrl) {
        String refusal = admit(text, channel, user, responseUrl);
        Audit.decision(user, channel, text, refusal == null ? "accepted" : "refused", refusal);
        if (refusal != null) {
            metrics.rejected(refusal.startsWith(":lock:") ? "authorisation" : refusal.contains("target policy") ? "policy"
                    : refusal.contains("you already have")
                    ? "per_user" : refusal.contains("busy") ? "busy" : "input");
        }
        return refusal;
    }

    private String admit(String text, String channel, String user, String responseUrl) {
        Command command;
        IncidentTarget to;
        try {
            to = IncidentTarget.split(SlackText.words(text));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        List<String> words = to.words();
        if (words.stream().anyMatch(w -> w.equals("--pcap") || w.startsWith("--pcap="))) {
            // Writing files where a Slack user says is not something the bot does.
            return "--pcap is a CLI option: in Slack the .pcap is uploaded into the thread";
        }
        try {
            command = parser.parse(words);
        } catch (UsageException e) {
            return e.getMessage();
        }
        if (command instanceof Command.Help || command instanceof Command.ChannelCommand) {
            return "nothing to run for `" + SlackBlocks.esc(text) + "`";
        }
        boolean json = command instanceof Command.Vip vip ? vip.json() : ((Command.Single) command).json();
        String verb = words.get(0);
        String forbidden = authorization.refusal(verb, user, channel);
        if (forbidden != null) {
            return ":lock: " + forbidden;
        }
        String refused = refusedLiteral(command);
        if (refused != null) {
            return ":no_entry: refused by the target policy, nothing was sent: " + refused;
        }
        if (json) {
            return "--json is a CLI option: in Slack the report is always the thread";
        }
        // Fairness: one user cannot fill the queue for everybody else.
        AtomicInteger mine = perUser.computeIfAbsent(user,
                u -> new AtomicInteger());
        if (mine.incrementAndGet() > config.slack().perUser()) {
            mine.decrementAndGet();
            return ":hourglass: you already have " + config.slack().perUser() + " checks running or waiting; "
                    + "try again when one has finished.";
        }
        SlackRun run = new SlackRun(new RunRequest(String.join(" ", words), command, channel, user, responseUrl,
                to.channel()), checks, slack, methods, api, progress, config.slack().progressInterval(), kept);
        try {
            workers.execute(() -> {
                try {
                    run.run();
                } finally {
                    mine.decrementAndGet();
                }
            });
            return null;
        } catch (RejectedExecutionException e) {
            mine.decrementAndGet();
            return ":hourglass: netcheck is busy (" + workers.getActiveCount() + " checks running, "
                    + workers.getQueue().size() + " waiting). Try again in " + busyWait() + " s.";
        }
    }

    /** Authorisation and policy for watch/summary; a watch is also checked as the check it runs. */
    private String channelRefusal(List<String> words, Command.ChannelCommand command, String user, String channel) {
        String forbidden = authorization.refusal(words.get(0), user, channel);
        if (forbidden != null) {
            return ":lock: " + forbidden;
        }
        if (command instanceof Command.WatchAdd add) {
            String inner = authorization.refusal(CommandTargets.verb(add.check()), user, channel);
            if (inner != null) {
                return ":lock: " + inner;
            }
            String refused = refusedLiteral(add.parsed());
            if (refused != null) {
                return ":no_entry: refused by the target policy: " + refused;
            }
        }
        return null;
    }

    /** Re-posts a kept report's evidence into the channel chosen from the button. */
    private void postIncident(String runId, String target, String user, String responseUrl) {
        KeptReports.Kept k = kept.get(runId);
        Runnable job = () -> {
            List<String> failures = new java.util.ArrayList<>();
            String answer;
            if (k == null) {
                answer = ":hourglass: this report is no longer kept: run the check again with --to #channel";
            } else if (target == null) {
                answer = "no channel chosen";
            } else {
                try {
                    IncidentPost.post(thread, target, k.report(), k.pcap(), k.channel(), k.ts(), user, failures);
                    Audit.decision(user, target, "post-incident " + k.report().command(), "accepted", null);
                    answer = ":white_check_mark: posted to <#" + target + ">" + (failures.isEmpty() ? ""
                            : " (not everything went through: " + String.join(", ", failures) + ")");
                } catch (SlackFailure e) {
                    answer = ":warning: could not post in <#" + target + "> (" + e.error() + ")"
                            + (e.cannotPostInChannel() ? ": invite me there with `/invite @netcheck` and press the "
                            + "button again" : "");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            SlackRun.respond(slack, responseUrl, answer, null, true);
        };
        try {
            workers.execute(job);
        } catch (RejectedExecutionException e) {
            SlackRun.respond(slack, responseUrl, ":hourglass: netcheck is busy; press the button again in a minute",
                    null, true);
        }
    }

    MethodsClient methods() {
        return methods;
    }

    SlackApi api() {
        return api;
    }

    KeptReports kept() {
        return kept;
    }

    EvidenceThread thread() {
        return thread;
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

    /** Refuses IP-literal targets at once, before the ack; names are checked once resolved, before any packet. */
    private String refusedLiteral(Command command) {
        List<io.netcheck.checklist.HostPort> targets = CommandTargets.targets(command);
        List<String> refusals = new java.util.ArrayList<>();
        for (io.netcheck.checklist.HostPort t : targets) {
            java.net.InetAddress literal = io.netcheck.probe.Addresses.literal(t.host());
            String why = literal == null ? null : policy.refusal(literal, t.port());
            if (why != null) {
                refusals.add((t.port() < 0 ? t.host() : t.label()) + ": " + why);
            }
        }
        return refusals.isEmpty() ? null : String.join("; ", refusals);
    }

    /** A fair guess at when a worker frees up: the queue ahead divided among the workers, a default timeout each. */
    private long busyWait() {
        long rounds = 1 + workers.getQueue().size() / Math.max(1, workers.getMaximumPoolSize());
        return rounds * (config.probe().timeout().toSeconds() + 1);
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
    }
}
