package io.netcheck.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import io.netcheck.command.Command;
import io.netcheck.command.DurationText;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.schedule.Watches;
import io.netcheck.store.StoreUnavailable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import io.netcheck.probe.DaemonThreads;
import io.netcheck.schedule.WatchTime;

/**
 * {@code /netcheck watch ...} and {@code /netcheck summary ...} in Slack. The store may be slow or down, so
 * the work runs off the ack path: what the channel should know (a watch added or removed, a schedule set, a
 * summary) is posted in the channel; lists and errors go privately to the user.
 */
@ApplicationScoped
public class ChannelCommands {
    private static final Logger LOG = Logger.getLogger(ChannelCommands.class);

    @Inject
    Watches watches;
    @Inject
    NetcheckConfig config;
    @Inject
    @WatchTime
    Clock clock;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(32), DaemonThreads.named("slack-channel-command"));

    /** Every channel command handed over has finished: nothing queued or running. */
    boolean idle() {
        return SlackBot.idle(pool);
    }

    /** Queues the command; returns a message for the user when it cannot be taken now, else null. */
    String submit(Command.ChannelCommand command, String channel, String user, String responseUrl, Slack slack,
                  MethodsClient methods, SlackApi api) {
        if (!watches.enabled()) {
            return ":warning: watches and summaries need the store, which is off here (netcheck.store.enabled=false)";
        }
        try {
            pool.execute(() -> {
                try {
                    run(command, channel, user, new Reply(slack, responseUrl, methods, api, channel));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.error("channel command failed", e);
                    SlackRun.respond(slack, responseUrl, ":x: netcheck failed: " + SlackBlocks.esc(e.toString()), null,
                            false);
                }
            });
            return null;
        } catch (RejectedExecutionException e) {
            return ":hourglass: netcheck is busy; try again in a few seconds.";
        }
    }

    /** Where answers go: privately (response_url) or into the channel. */
    record Reply(Slack slack, String responseUrl, MethodsClient methods, SlackApi api, String channel) {
        void privately(String text) {
            SlackRun.respond(slack, responseUrl, text, SlackBlocks.usageFree(text), false);
        }

        void privately(String text, List<LayoutBlock> blocks) {
            SlackRun.respond(slack, responseUrl, text, blocks, false);
        }

        /** In the channel; if the bot may not post there, privately with how to invite it. */
        void inChannel(String text, List<LayoutBlock> blocks) throws InterruptedException {
            try {
                api.call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel(channel).text(text)
                        .blocks(blocks)));
            } catch (SlackFailure e) {
                String hint = e.cannotPostInChannel() ? " (I can't post in this channel: invite me with "
                        + "`/invite @netcheck`)" : " (Slack said " + e.error() + ")";
                privately(text + hint, blocks);
            }
        }
    }

    void run(Command.ChannelCommand command, String channel, String user, Reply reply) throws InterruptedException {
        ZoneId zone = ZoneId.of(config.summary().zone());
        try {
            if (command instanceof Command.WatchAdd add) {
                Watches.Added added = watches.add(channel, user, add);
                if (added instanceof Watches.Created c) {
                    String incident = config.watch().incidentChannel().map(id -> " and <#" + id + ">").orElse("");
                    String text = ":eyes: <@" + user + "> added the watch *" + SlackBlocks.esc(c.watch().name())
                            + "*: `" + SlackBlocks.esc(c.watch().command()) + "` every "
                            + DurationText.format(c.watch().every()) + ". Outages and recoveries are posted here"
                            + incident + " once " + config.watch().confirm() + " results in a row agree; the first run "
                            + "starts within " + DurationText.format(config.watch().tick()) + ".";
                    reply.inChannel(text, SlackBlocks.usageFree(text));
                } else if (added instanceof Watches.NameTaken t) {
                    reply.privately(":warning: this channel already has a watch named *" + SlackBlocks.esc(add.name())
                            + "*" + (t.existing() != null ? " (`" + SlackBlocks.esc(t.existing().command()) + "`)" : "")
                            + ": choose another `--name`, or `watch remove " + SlackBlocks.esc(add.name()) + "` first.");
                } else if (added instanceof Watches.ChannelFull f) {
                    reply.privately(":warning: this channel already has " + f.limit() + " watches, the most allowed "
                            + "(netcheck.watch.max-per-channel): remove one first.");
                }
            } else if (command instanceof Command.WatchList) {
                var list = watches.list(channel);
                reply.privately(list.size() + " watches in this channel", SlackBlocks.watchList(list, zone));
            } else if (command instanceof Command.WatchRemove remove) {
                switch (watches.remove(channel, remove.name())) {
                    case REMOVED -> {
                        String text = ":wastebasket: <@" + user + "> removed the watch *" + SlackBlocks.esc(remove.name())
                                + "*.";
                        reply.inChannel(text, SlackBlocks.usageFree(text));
                    }
                    case NOT_FOUND -> reply.privately(":warning: no watch named *" + SlackBlocks.esc(remove.name())
                            + "* in this channel: `/netcheck watch list` shows them.");
                    case CONFIGURED -> reply.privately(":warning: *" + SlackBlocks.esc(remove.name()) + "* is declared "
                            + "in netcheck's configuration (netcheck.watches.\"" + SlackBlocks.esc(remove.name())
                            + "\"); remove it there.");
                }
            } else if (command instanceof Command.SummaryNow) {
                var summary = watches.summary(channel);
                reply.inChannel(SlackBlocks.summaryText(summary), SlackBlocks.summary(summary, zone));
            } else if (command instanceof Command.SummarySchedule schedule) {
                if (schedule.cron() == null) {
                    String text = watches.schedule(channel, null)
                            ? ":no_bell: <@" + user + "> stopped this channel's scheduled health summary."
                            : "This channel has no scheduled health summary.";
                    reply.inChannel(text, SlackBlocks.usageFree(text));
                } else {
                    watches.schedule(channel, schedule.cron());
                    String next = schedule.cron().nextAfter(clock.instant(), zone)
                            .map(t -> " Next: " + SlackBlocks.time(t, zone) + ".").orElse("");
                    String text = ":calendar: <@" + user + "> scheduled a health summary here "
                            + SlackBlocks.esc(schedule.cron().description()) + " (`" + schedule.cron().text() + "`, "
                            + zone.getId() + ")." + next;
                    reply.inChannel(text, SlackBlocks.usageFree(text));
                }
            }
        } catch (StoreUnavailable e) {
            LOG.warnf("%s", e.getMessage());
            reply.privately(":warning: the watch store is unavailable right now, so nothing was changed. Try again "
                    + "in a minute; checks themselves still work.");
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
