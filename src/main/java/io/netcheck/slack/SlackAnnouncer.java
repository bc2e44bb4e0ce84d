package io.netcheck.slack;

import io.netcheck.config.NetcheckConfig;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.report.Report;
import io.netcheck.schedule.AnnounceFailed;
import io.netcheck.schedule.Announcer;
import io.netcheck.schedule.HealthSummary;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Watch outages, recoveries and health summaries into Slack, in the same thread format as an interactive
 * run. With Slack off (CLI-less server without tokens) they go to the log instead; with Slack configured but
 * unreachable they fail, and the scheduler tries again later.
 */
@ApplicationScoped
public class SlackAnnouncer implements Announcer {
    private static final Logger LOG = Logger.getLogger(SlackAnnouncer.class);

    @Inject
    SlackBot bot;
    @Inject
    NetcheckConfig config;

    private ZoneId zone() {
        return ZoneId.of(config.summary().zone());
    }

    @Override
    public String outage(Watch watch, Report report, WatchResult result, Consumer<String> posted)
            throws AnnounceFailed {
        if (offline()) {
            LOG.warnf("watch %s in %s is DOWN: %s %s", watch.name(), watch.channel(), result.cause(), result.headline());
            return "log";
        }
        EvidenceThread thread = connected();
        String since = SlackBlocks.time(watch.state().since() != null ? watch.state().since() : result.at(), zone());
        // What changed since it last worked leads the alert: the first question in an incident.
        String changed = report == null ? null : SinceLastWorked.line(report).orElse(null);
        String text = "netcheck: watch " + watch.name() + " is DOWN" + (changed != null ? " " + changed + "\n" : ": ")
                + result.cause() + " — " + result.headline();
        List<String> threads = new ArrayList<>();
        Shortfall failures = new Shortfall();
        List<EvidenceThread.Pcap> pcaps = EvidenceThread.read(report, failures);
        String ts;
        // Kept like an interactive report, so the alert's button can post it to another incident channel.
        String runId = report == null ? null : bot.kept().put(report, pcaps, watch.channel(), null, null);
        try {
            ts = thread.root(watch.channel(), text, SlackBlocks.outage(watch, report, result, since, null, runId));
            if (runId != null) {
                bot.kept().posted(runId, ts);
            }
            threads.add(watch.channel() + ":" + ts);
            posted.accept(String.join(",", threads));
            if (report != null) {
                thread.evidence(watch.channel(), ts, report, pcaps, false, failures);
            }
        } catch (SlackFailure e) {
            throw new AnnounceFailed("posting to " + watch.channel() + ": " + e.error(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnounceFailed("interrupted", e);
        }
        String incident = config.watch().incidentChannel().orElse(null);
        if (incident != null && !incident.equals(watch.channel())) {
            try {
                String link = thread.permalink(watch.channel(), ts);
                String back = link != null ? "<" + link + "|alert in <#" + watch.channel() + ">>"
                        : "watch in <#" + watch.channel() + ">";
                String its = thread.root(incident, text, SlackBlocks.outage(watch, report, result, since, back, null));
                threads.add(incident + ":" + its);
                posted.accept(String.join(",", threads));
                if (report != null) {
                    thread.evidence(incident, its, report, pcaps, false, failures);
                }
            } catch (SlackFailure e) {
                failures.add("incident channel " + incident + ": " + e.error());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!failures.isEmpty()) {
            // The alert itself is out; missing evidence is logged rather than re-posting the whole alert.
            LOG.warnf("watch %s alert posted, but not all evidence: %s", watch.name(), failures);
        }
        return String.join(",", threads);
    }

    @Override
    public void recovery(Watch watch, String threads, Duration outage, WatchResult result, Runnable noted)
            throws AnnounceFailed {
        if (offline()) {
            LOG.infof("watch %s in %s recovered after %s", watch.name(), watch.channel(), outage);
            return;
        }
        connected();
        String text = SlackBlocks.recoveryText(watch, outage, SlackBlocks.time(result.at(), zone()));
        List<String[]> places = new ArrayList<>();
        if (threads == null || threads.equals("log")) {
            places.add(new String[]{watch.channel(), null});
        } else {
            for (String t : threads.split(",")) {
                int colon = t.indexOf(':');
                if (colon > 0) {
                    places.add(new String[]{t.substring(0, colon), t.substring(colon + 1)});
                }
            }
        }
        boolean posted = false;
        AnnounceFailed last = null;
        for (String[] place : places) {
            try {
                bot.api().call("chat.postMessage", () -> bot.methods().chatPostMessage(r -> r.channel(place[0])
                        .threadTs(place[1]).replyBroadcast(place[1] != null && place[0].equals(watch.channel()))
                        .text(text).blocks(SlackBlocks.usageFree(text))));
                if (!posted) {
                    noted.run();
                }
                posted = true;
            } catch (SlackFailure e) {
                last = new AnnounceFailed("recovery reply in " + place[0] + ": " + e.error(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnnounceFailed("interrupted", e);
            }
        }
        if (!posted && last != null) {
            throw last;
        }
    }

    @Override
    public void summary(HealthSummary summary) throws AnnounceFailed {
        if (offline()) {
            LOG.infof("health summary for %s: %s", summary.channel(), summary.overall());
            return;
        }
        connected();
        try {
            bot.api().call("chat.postMessage", () -> bot.methods().chatPostMessage(r -> r.channel(summary.channel())
                    .text(SlackBlocks.summaryText(summary)).blocks(SlackBlocks.summary(summary, zone()))));
        } catch (SlackFailure e) {
            throw new AnnounceFailed("summary to " + summary.channel() + ": " + e.error(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnnounceFailed("interrupted", e);
        }
    }

    private boolean offline() {
        return bot.mode() == NetcheckConfig.SlackMode.OFF;
    }

    private EvidenceThread connected() throws AnnounceFailed {
        if (bot.thread() == null || !bot.ready()) {
            throw new AnnounceFailed("Slack is not connected" + (bot.problem() != null ? ": " + bot.problem() : ""), null);
        }
        return bot.thread();
    }
}
