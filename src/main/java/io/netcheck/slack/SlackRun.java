package io.netcheck.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import io.netcheck.Checks;
import io.netcheck.report.Report;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import io.netcheck.agent.AgentException;
import io.netcheck.agent.FromOption;
import io.netcheck.agent.RemoteChecks;
import io.netcheck.check.ChecklistProgress;
import io.netcheck.check.ClusterUnreadable;
import io.netcheck.check.HostPort;
import io.netcheck.command.CompareOption;
import io.netcheck.command.UsageException;
import io.netcheck.probe.TargetPolicy;

/**
 * One run in Slack: a status card posted at once and edited in place as probes finish, then the verdict
 * on the card, one thread reply per step with its packets, the .pcap in the thread, and the verdict
 * broadcast to the channel. If the bot cannot post in the channel, everything goes back to the user
 * through response_url with how to invite the bot: nothing is lost.
 */
final class SlackRun implements Runnable {
    private static final Logger LOG = Logger.getLogger(SlackRun.class);

    private final RunRequest request;
    private final Checks checks;
    private final Slack slack;
    private final MethodsClient methods;
    private final SlackApi api;
    private final ScheduledExecutorService progressExecutor;
    private final Duration progressInterval;
    private final EvidenceThread thread;
    private final KeptReports kept;

    SlackRun(RunRequest request, Checks checks, Slack slack, MethodsClient methods, SlackApi api,
             ScheduledExecutorService progressExecutor, Duration progressInterval, KeptReports kept) {
        this.request = request;
        this.thread = new EvidenceThread(methods, api);
        this.kept = kept;
        this.checks = checks;
        this.slack = slack;
        this.methods = methods;
        this.api = api;
        this.progressExecutor = progressExecutor;
        this.progressInterval = progressInterval;
    }

    @Override
    public void run() {
        try {
            execute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("run failed: " + request.commandText(), e);
            respond(":x: netcheck failed while running `" + SlackBlocks.esc(request.commandText()) + "`: "
                    + SlackBlocks.esc(e.toString()), null);
        }
    }

    private void execute() throws InterruptedException {
        String command = SlackBlocks.truncate(request.commandText(), 140);
        String ts;
        String channel;
        try {
            ChatPostMessageResponse root = api.call("chat.postMessage", () -> methods.chatPostMessage(r -> r
                    .channel(request.channelId()).text("netcheck: checking " + command + "…")
                    .blocks(SlackBlocks.progressCard(command, request.userId(), List.of(), 0, 0))));
            ts = root.getTs();
            channel = root.getChannel();
        } catch (SlackFailure e) {
            runWithoutChannel(e);
            return;
        }

        Progress progress = new Progress(channel, ts, command);
        long started = checks.ticker().nanos();
        Report report;
        try {
            report = check(progress::finished);
        } catch (ClusterUnreadable unreadable) {
            progress.close();
            String why = ":warning: " + SlackBlocks.esc(unreadable.getMessage());
            thread.attempt(new Shortfall(), "chat.update", () -> methods.chatUpdate(r -> r.channel(channel).ts(ts)
                    .text("netcheck " + command + ": the pool could not be read").blocks(SlackBlocks.usageFree(why))));
            Audit.decision(request.userId(), request.channelId(), request.commandText(), "failed", unreadable.getMessage());
            respond(why, null);
            return;
        } catch (TargetPolicy.Refused refused) {
            // A name resolved into a refused block: nothing was sent. Say so on the card and to the user.
            progress.close();
            String why = ":no_entry: refused by the target policy, nothing was sent: " + SlackBlocks.esc(refused.getMessage());
            thread.attempt(new Shortfall(), "chat.update", () -> methods.chatUpdate(r -> r.channel(channel).ts(ts)
                    .text("netcheck " + command + ": refused").blocks(SlackBlocks.usageFree(why))));
            Audit.refusedByPolicy(request.userId(), request.channelId(), request.commandText(), refused.getMessage(),
                    refused.resolved(), checks.ticker().since(started).toMillis());
            respond(why, null);
            return;
        } catch (AgentException failed) {
            // The agent is not there, went away, refused or timed out: one clear line on the card and to the user.
            progress.close();
            String why = (failed.kind() == AgentException.Kind.POLICY ? ":no_entry: " : ":x: ")
                    + SlackBlocks.esc(failed.getMessage());
            thread.attempt(new Shortfall(), "chat.update", () -> methods.chatUpdate(r -> r.channel(channel).ts(ts)
                    .text("netcheck " + command + ": no report").blocks(SlackBlocks.usageFree(why))));
            Audit.decision(request.userId(), request.channelId(), request.commandText(), "failed", failed.getMessage());
            respond(why, null);
            return;
        } finally {
            progress.close();
        }

        Audit.finished(request.userId(), request.channelId(), request.commandText(), report.verdict().cause().name(),
                report.verdict().team(), report.target(), report.probedAddresses(),
                checks.ticker().since(started).toMillis());
        Shortfall failures = new Shortfall();
        List<EvidenceThread.Pcap> pcaps = EvidenceThread.read(report, failures);
        String runId = kept.put(report, pcaps, channel, ts, request.userId());
        String cardText = "netcheck " + command + ": " + SlackBlocks.verdictText(report);
        thread.attempt(failures, "chat.update", () -> methods.chatUpdate(r -> r.channel(channel).ts(ts).text(cardText)
                .blocks(SlackBlocks.finalCard(report, request.userId(), request.commandText(), "evidence in thread",
                        runId))));
        thread.evidence(channel, ts, report, pcaps, true, failures);
        if (request.incidentChannel() != null) {
            try {
                IncidentPost.post(thread, request.incidentChannel(), report, pcaps, channel, ts, request.userId(),
                        failures);
            } catch (SlackFailure e) {
                failures.add("posting to <#" + request.incidentChannel() + ">: " + e.error()
                        + (e.cannotPostInChannel() ? " (invite me there with /invite @netcheck)" : ""));
            }
        }
        EvidenceThread.deleteUploaded(report, failures);
        if (!failures.isEmpty()) {
            // Some evidence did not make it into the thread: the user gets it privately instead.
            respond(":warning: Some of the evidence could not be posted (" + failures
                    + "). Verdict: " + SlackBlocks.esc(SlackBlocks.verdictText(report)), SlackBlocks.verdict(report));
        }
    }

    /** Set for runs with --from: the check runs on that agent. */
    RemoteChecks remote;

    private Report check(ChecklistProgress progress) throws InterruptedException {
        Report report;
        if (request.agent() != null && remote != null) {
            try {
                List<String> words = FromOption.split(CompareOption.split(
                        List.of(request.commandText().split(" "))).words()).words();
                report = remote.run(request.agent(), words).report();
            } catch (UsageException e) {
                throw new IllegalStateException(e.getMessage()); // admitted already: cannot happen
            }
        } else {
            report = checks.check(request.command(), progress);
        }
        return request.compare() == null ? report : request.compare().note(report, true);
    }

    /** The bot may not post here (not invited, private channel): run anyway, answer the user privately. */
    private void runWithoutChannel(SlackFailure why) throws InterruptedException {
        Report report;
        long started = checks.ticker().nanos();
        try {
            report = check(ChecklistProgress.NONE);
        } catch (AgentException failed) {
            Audit.decision(request.userId(), request.channelId(), request.commandText(), "failed", failed.getMessage());
            respond(":x: " + SlackBlocks.esc(failed.getMessage()), null);
            return;
        } catch (ClusterUnreadable unreadable) {
            respond(":warning: " + SlackBlocks.esc(unreadable.getMessage()), null);
            return;
        } catch (TargetPolicy.Refused refused) {
            Audit.refusedByPolicy(request.userId(), request.channelId(), request.commandText(), refused.getMessage(),
                    refused.resolved(), checks.ticker().since(started).toMillis());
            respond(":no_entry: refused by the target policy, nothing was sent: " + SlackBlocks.esc(refused.getMessage()),
                    null);
            return;
        }
        Audit.finished(request.userId(), request.channelId(), request.commandText(), report.verdict().cause().name(),
                report.verdict().team(), report.target(), report.probedAddresses(),
                checks.ticker().since(started).toMillis());
        String hint = why.cannotPostInChannel()
                ? ":information_source: I can't post in this channel (" + why.error() + "). Invite me with "
                + "`/invite @netcheck` (for private channels, from the channel's details → Integrations) and run "
                + "the command again to get the thread with packets and the .pcap. Here is the verdict:"
                : ":warning: Slack would not take the report (" + SlackBlocks.esc(why.error()) + "). Here is the verdict:";
        List<LayoutBlock> blocks = new ArrayList<>(SlackBlocks.usageFree(hint));
        blocks.addAll(SlackBlocks.finalCard(report, request.userId(), request.commandText(), null, null));
        blocks.addAll(SlackBlocks.verdict(report));
        respond(hint + " " + SlackBlocks.verdictText(report), blocks);
    }

    private void respond(String text, List<LayoutBlock> blocks) {
        respond(slack, request.responseUrl(), text, blocks, false);
    }

    /** An ephemeral answer through response_url (works where the bot cannot post); failures are only logged. */
    static void respond(Slack slack, String responseUrl, String text, List<LayoutBlock> blocks, boolean replaceOriginal) {
        if (responseUrl == null) {
            return;
        }
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("response_type", "ephemeral");
        payload.put("replace_original", replaceOriginal);
        payload.put("text", text);
        if (blocks != null) {
            payload.put("blocks", blocks);
        }
        try {
            var response = slack.send(responseUrl, com.slack.api.util.json.GsonFactory.createSnakeCase()
                    .toJson(payload));
            if (response.getCode() != 200) {
                LOG.warnf("response_url answered %d: %s", response.getCode(), response.getBody());
            }
        } catch (IOException e) {
            LOG.warnf("response_url failed: %s", e.getMessage());
        }
    }

    /** Throttled in-place updates of the status card while probes finish; never blocks a probe thread. */
    private final class Progress {
        private final String channel;
        private final String ts;
        private final String command;
        private final List<String> lines = new ArrayList<>();
        private int done;
        private int total;
        private boolean scheduled;
        private boolean closed;
        private long lastUpdate = checks.ticker().nanos();
        private final Object sendLock = new Object();

        Progress(String channel, String ts, String command) {
            this.channel = channel;
            this.ts = ts;
            this.command = command;
        }

        synchronized void finished(HostPort target, boolean vip, String outcome, int done,
                                   int total) {
            lines.add(SlackBlocks.progressLine(target.label(), vip, outcome));
            this.done = done;
            this.total = total;
            if (scheduled || closed) {
                return;
            }
            scheduled = true;
            long wait = Math.max(0, progressInterval.toNanos() - (checks.ticker().nanos() - lastUpdate));
            progressExecutor.schedule(this::push, wait, TimeUnit.NANOSECONDS);
        }

        private void push() {
            // Holding sendLock while sending lets close() wait for an update in flight, so a late progress
            // update can never overwrite the final card.
            synchronized (sendLock) {
                List<LayoutBlock> blocks;
                synchronized (this) {
                    scheduled = false;
                    if (closed) {
                        return;
                    }
                    lastUpdate = checks.ticker().nanos();
                    List<String> shown = lines.size() > 12 ? lines.subList(lines.size() - 12, lines.size()) : lines;
                    blocks = SlackBlocks.progressCard(command, request.userId(), new ArrayList<>(shown), done, total);
                }
                try {
                    // One attempt only: a lost progress update is replaced by the next one or the final card.
                    methods.chatUpdate(r -> r.channel(channel).ts(ts).text("netcheck: checking " + command + "…")
                            .blocks(blocks));
                } catch (Exception e) {
                    LOG.debugf("progress update skipped: %s", e.getMessage());
                }
            }
        }

        void close() {
            synchronized (this) {
                closed = true;
            }
            synchronized (sendLock) {
                // wait for an update being sent
            }
        }
    }
}
