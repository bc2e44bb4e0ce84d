package io.netcheck.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import io.netcheck.command.DurationText;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.schedule.HealthSummary;
import io.netcheck.store.Health;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import java.time.format.DateTimeFormatter;

/**
 * Renders the report model as Slack Block Kit: the status card (root message, edited in place), one
 * thread reply per step with its packets, and the verdict reply. Respects Slack's limits (3000 characters
 * per text object, 50 blocks per message): evidence that does not fit goes into an attached text file,
 * never silently cut.
 */
final class SlackBlocks {
    static final String RERUN_ACTION = "netcheck_rerun";
    static final String INCIDENT_ACTION = "netcheck_post_incident";
    static final String INCIDENT_CHANNEL_ACTION = "netcheck_incident_channel";
    static final int MAX_TEXT = 3000;
    private static final int HEADER_MAX = 150;

    private SlackBlocks() {
    }

    /** A thread reply: blocks, fallback text, and an optional file with evidence too long for a message. */
    record Reply(List<LayoutBlock> blocks, String text, String fileName, String fileContent) {
    }

    static List<LayoutBlock> progressCard(String command, String userId, List<String> lines, int done, int total) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate("netcheck " + command, HEADER_MAX)))));
        blocks.add(context(c -> c.elements(List.of(markdownText("requested by <@" + esc(userId) + "> · "
                + done + "/" + total + " probes finished")))));
        StringBuilder sb = new StringBuilder(":hourglass_flowing_sand: *Checking…*\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        blocks.add(section(s -> s.text(markdownText(truncate(sb.toString(), MAX_TEXT)))));
        return blocks;
    }

    static String progressLine(String target, boolean vip, String outcome) {
        String icon = outcome.startsWith("HTTP 2") || outcome.startsWith("HTTP 3") || outcome.startsWith("HTTP 4")
                ? ":large_green_circle:" : outcome.equals("CONNECTED") ? ":large_green_circle:" : ":red_circle:";
        return icon + " " + (vip ? "VIP " : "") + "`" + esc(target) + "` " + esc(outcome);
    }

    /** @param runId key of the kept report for the "Post to incident channel" button; null: no button */
    static List<LayoutBlock> finalCard(Report report, String userId, String commandText, String threadNote,
                                       String runId) {
        Verdict v = report.verdict();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate("netcheck " + report.command(), HEADER_MAX)))));
        blocks.add(section(s -> s.text(markdownText(truncate(icon(report) + " *" + v.cause() + "*  →  "
                + owner(v) + "\n" + esc(v.summary()), MAX_TEXT)))));
        StringBuilder steps = new StringBuilder();
        int n = 1;
        for (Step step : report.steps()) {
            steps.append(icon(step.status())).append(" *").append(n++).append(". ").append(esc(step.title()))
                    .append("* ").append(esc(step.outcome())).append('\n');
        }
        blocks.add(section(s -> s.text(markdownText(truncate(steps.toString(), MAX_TEXT)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(truncate("requested by <@" + esc(userId)
                + "> · confidence " + v.confidence() + " · " + Describe.ms(report.elapsed()) + " · rule `"
                + v.rule() + "`" + (threadNote == null ? "" : " · " + threadNote), MAX_TEXT))))));
        List<com.slack.api.model.block.element.BlockElement> buttons = new ArrayList<>();
        buttons.add(button(b -> b.actionId(RERUN_ACTION).text(plainText("Run again")).value(truncate(commandText, 2000))));
        if (runId != null) {
            buttons.add(button(b -> b.actionId(INCIDENT_ACTION).text(plainText("Post to incident channel"))
                    .value(runId)));
        }
        blocks.add(actions(a -> a.elements(buttons)));
        return blocks;
    }

    /** The incident channel's root message: the verdict and where the check was run. */
    static List<LayoutBlock> incidentRoot(Report report, String originChannel, String permalink, String userId) {
        Verdict v = report.verdict();
        String where = permalink != null ? "<" + permalink + "|a check in <#" + esc(originChannel) + ">>"
                : "a check in <#" + esc(originChannel) + ">";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate("netcheck evidence: " + report.command(), HEADER_MAX)))));
        blocks.add(section(s -> s.text(markdownText(truncate(icon(report) + " *" + v.cause() + "*  →  " + owner(v)
                + "\n" + esc(v.summary()), MAX_TEXT)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(truncate("From " + where
                + (userId != null ? " by <@" + esc(userId) + ">" : "") + " · evidence and .pcap in the thread",
                MAX_TEXT))))));
        return blocks;
    }

    /** Asks which channel the report should go to (the answer comes back as a block action). */
    static List<LayoutBlock> incidentPicker(String runId) {
        return List.of(section(s -> s.blockId("incident:" + runId)
                .text(markdownText("Post this report's verdict, evidence and .pcap to which incident channel?"))
                .accessory(com.slack.api.model.block.element.ConversationsSelectElement.builder()
                        .actionId(INCIDENT_CHANNEL_ACTION).placeholder(plainText("Choose a channel"))
                        .filter(com.slack.api.model.block.element.ConversationsFilter.builder()
                                .include(List.of("public", "private")).excludeBotUsers(true).build())
                        .build())));
    }

    // ---- watches ----

    /** @param runId the kept report, for the "Post to incident channel" button; null: no button */
    static List<LayoutBlock> outage(Watch watch, Report report, WatchResult result,
                                    String since, String linkBack, String runId) {
        String title = ":red_circle: Watch *" + esc(watch.name()) + "* is DOWN since " + since;
        List<LayoutBlock> blocks = new ArrayList<>();
        if (report != null) {
            Verdict v = report.verdict();
            String changed = SinceLastWorked.line(report).map(l -> "\n:mag: " + esc(l)).orElse("");
            blocks.add(section(s -> s.text(markdownText(truncate(title + changed + "\n*" + v.cause() + "*  →  "
                    + owner(v) + "\n" + esc(v.summary()), MAX_TEXT)))));
        } else {
            blocks.add(section(s -> s.text(markdownText(truncate(title + "\n*" + esc(result.cause()) + "*: "
                    + esc(result.headline()), MAX_TEXT)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(truncate("`" + esc(watch.command()) + "` every "
                + DurationText.format(watch.every())
                + (linkBack != null ? " · " + linkBack : "") + (report != null ? " · evidence and .pcap in the thread" : ""),
                MAX_TEXT))))));
        if (runId != null) {
            blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(INCIDENT_ACTION)
                    .text(plainText("Post to incident channel")).value(runId))))));
        }
        return blocks;
    }

    static String recoveryText(Watch watch, java.time.Duration outage, String at) {
        return ":large_green_circle: Watch *" + esc(watch.name()) + "* recovered at " + at + " after "
                + Describe.duration(outage) + " down.";
    }

    static List<LayoutBlock> watchList(List<Watch> watches, java.time.ZoneId zone) {
        if (watches.isEmpty()) {
            return usageFree("No watches in this channel. Add one: `/netcheck watch add vip HOST:PORT --every 5m`");
        }
        StringBuilder sb = new StringBuilder("*Watches in this channel*\n");
        for (Watch w : watches) {
            WatchResult last = w.last();
            sb.append(stateIcon(w.state().state())).append(" *").append(esc(w.name())).append("* ")
                    .append(w.state().state().name().toLowerCase(java.util.Locale.ROOT));
            if (w.state().since() != null) {
                sb.append(" since ").append(time(w.state().since(), zone));
            }
            sb.append(" · every ").append(DurationText.format(w.every()));
            if (Watch.CONFIG.equals(w.source())) {
                sb.append(" · from configuration");
            }
            sb.append("\n`").append(esc(truncate(w.command(), 200))).append("`");
            if (last != null) {
                sb.append("\nlast: ").append(esc(last.cause())).append(" — ").append(esc(truncate(
                        String.valueOf(last.headline()), 200))).append(" (").append(time(last.at(), zone)).append(")");
            }
            sb.append("\n");
        }
        return chunks(sb.toString());
    }

    static List<LayoutBlock> summary(HealthSummary summary, java.time.ZoneId zone) {
        List<LayoutBlock> blocks = new ArrayList<>();
        long down = summary.unhealthy();
        String overallIcon = summary.entries().isEmpty() ? ":information_source:" : down > 0 ? ":red_circle:"
                : summary.unknown() > 0 ? ":large_yellow_circle:" : ":large_green_circle:";
        blocks.add(header(h -> h.text(plainText("Health summary · last " + Describe.duration(summary.window())))));
        blocks.add(section(s -> s.text(markdownText(overallIcon + " *" + esc(summary.overall()) + "*"))));
        for (var e : summary.entries()) {
            StringBuilder sb = new StringBuilder();
            sb.append(stateIcon(e.state())).append(" *").append(esc(e.name())).append("* ")
                    .append(e.state().name().toLowerCase(java.util.Locale.ROOT));
            if (e.since() != null && e.state() != Health.UNKNOWN) {
                sb.append(" since ").append(time(e.since(), zone));
            }
            sb.append("\n").append(strip(e.strip())).append("  ")
                    .append(Double.isNaN(e.availability()) ? "no results" : percent(e.availability()))
                    .append(" · ").append(e.changes()).append(e.changes() == 1 ? " change" : " changes");
            if (e.lastCause() != null && !"HEALTHY".equals(e.lastCause())) {
                sb.append("\nlast: *").append(esc(e.lastCause())).append("*");
                if (e.team() != null) {
                    sb.append(" → *").append(esc(e.team().name())).append("*")
                            .append(e.team().slackGroup() != null ? " <!subteam^" + esc(e.team().slackGroup()) + ">" : "");
                }
                if (e.lastHeadline() != null) {
                    sb.append("\n").append(esc(truncate(e.lastHeadline(), 300)));
                }
            }
            if (blocks.size() < 47) {
                String text = sb.toString();
                blocks.add(section(s -> s.text(markdownText(truncate(text, MAX_TEXT)))));
            }
        }
        if (summary.entries().size() > 45) {
            blocks.add(context(c -> c.elements(List.of(markdownText("…and " + (summary.entries().size() - 45)
                    + " more: `/netcheck watch list`")))));
        }
        String foot = (summary.dueAt() != null ? "scheduled for " + time(summary.dueAt(), zone) : "on demand")
                + (summary.late() ? " · :hourglass: posted late: netcheck or Slack was unavailable at that time" : "")
                + " · :large_green_square: up :large_red_square: down :large_yellow_square: both :white_large_square: no data, one square per "
                + Describe.duration(summary.window().dividedBy(Math.max(1, summary.entries().isEmpty() ? 1
                : summary.entries().get(0).strip().size())));
        blocks.add(context(c -> c.elements(List.of(markdownText(foot)))));
        return blocks;
    }

    static String summaryText(HealthSummary summary) {
        return "Health summary: " + summary.overall();
    }

    static String strip(List<HealthSummary.Square> squares) {
        StringBuilder sb = new StringBuilder();
        for (var sq : squares) {
            sb.append(switch (sq) {
                case UP -> ":large_green_square:";
                case DOWN -> ":large_red_square:";
                case MIXED -> ":large_yellow_square:";
                case NONE -> ":white_large_square:";
            });
        }
        return sb.toString();
    }

    static String percent(double share) {
        double p = share * 100;
        return (p == 100 || p == 0 ? String.format(java.util.Locale.ROOT, "%.0f", p)
                : String.format(java.util.Locale.ROOT, "%.1f", Math.min(p, 99.9))) + "%";
    }

    static String stateIcon(Health h) {
        return switch (h) {
            case HEALTHY -> ":large_green_circle:";
            case UNHEALTHY -> ":red_circle:";
            case UNKNOWN -> ":white_circle:";
        };
    }

    /** Slack date formatting: each reader sees their own time zone; the fallback text uses the configured one. */
    static String time(java.time.Instant at, java.time.ZoneId zone) {
        String fallback = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", java.util.Locale.UK)
                .format(at.atZone(zone));
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} {time}|" + fallback + ">";
    }

    /** Long mrkdwn split into sections at line ends (3000 characters each). */
    static List<LayoutBlock> chunks(String mrkdwn) {
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String line : mrkdwn.split("\n")) {
            if (part.length() + line.length() + 1 > MAX_TEXT && part.length() > 0) {
                String text = part.toString();
                blocks.add(section(s -> s.text(markdownText(text))));
                part.setLength(0);
            }
            part.append(truncate(line, MAX_TEXT - 1)).append('\n');
        }
        if (part.length() > 0 && blocks.size() < 50) {
            String text = part.toString();
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        return blocks.size() > 50 ? blocks.subList(0, 50) : blocks;
    }

    static Reply step(Step step, int number) {
        StringBuilder head = new StringBuilder();
        head.append(icon(step.status())).append(" *").append(number).append(". ").append(esc(step.title()))
                .append("*  `").append(esc(step.outcome())).append("`\n").append(esc(step.summary())).append('\n');
        for (Fact f : step.facts()) {
            head.append("• ").append(esc(f.label())).append(": ").append(esc(f.value())).append('\n');
        }
        List<String> lines = new ArrayList<>();
        collect(step, lines, "");
        String fallback = number + ". " + step.title() + ": " + step.outcome();
        String code = lines.isEmpty() ? "" : "```\n" + esc(String.join("\n", lines)) + "\n```";
        if (head.length() + code.length() <= MAX_TEXT) {
            String text = head + code;
            return new Reply(List.of(section(s -> s.text(markdownText(text)))), fallback, null, null);
        }
        // Too long for one message: the packet lines go into a file in the thread, whole.
        String note = "_" + lines.size() + " packet lines attached as `step" + number + "-packets.txt`_";
        String text = truncate(head.toString(), MAX_TEXT - note.length() - 1) + note;
        return new Reply(List.of(section(s -> s.text(markdownText(text)))), fallback, "step" + number + "-packets.txt",
                String.join("\n", lines) + "\n");
    }

    private static void collect(Step step, List<String> lines, String prefix) {
        if (!prefix.isEmpty() && (!step.packets().isEmpty())) {
            lines.add("# " + step.title() + ": " + step.outcome());
        }
        lines.addAll(step.packets());
        for (Step sub : step.substeps()) {
            collect(sub, lines, "  ");
        }
    }

    static List<LayoutBlock> verdict(Report report) {
        Verdict v = report.verdict();
        StringBuilder sb = new StringBuilder();
        sb.append(icon(report)).append(" *Verdict: ").append(v.cause()).append("*  →  ").append(owner(v)).append('\n')
                .append(esc(v.explanation()));
        if (!v.nextSteps().isEmpty()) {
            sb.append("\n*Next:*");
            v.nextSteps().forEach(s -> sb.append("\n• ").append(esc(s)));
        }
        if (!v.signals().isEmpty()) {
            sb.append("\n*Confidence ").append(v.confidence()).append(", from:*");
            v.signals().forEach(s -> sb.append("\n• ").append(esc(s)));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(truncate(sb.toString(), MAX_TEXT)))));
        if (report.capture().pcapFile() == null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(truncate(":warning: no packet capture: "
                    + esc(String.valueOf(report.capture().problem())), MAX_TEXT))))));
        }
        return blocks;
    }

    static String verdictText(Report report) {
        Verdict v = report.verdict();
        return v.cause() + " → " + v.teamName() + ": " + v.summary();
    }

    static List<LayoutBlock> usageFree(String mrkdwn) {
        return List.of(section(s -> s.text(markdownText(truncate(mrkdwn, MAX_TEXT)))));
    }

    static List<LayoutBlock> usage(String message, String usage) {
        return List.of(section(s -> s.text(markdownText(truncate(":warning: " + esc(message) + "\n```\n"
                + esc(usage) + "\n```", MAX_TEXT)))));
    }

    static List<LayoutBlock> divided(List<LayoutBlock> blocks) {
        List<LayoutBlock> out = new ArrayList<>(blocks);
        out.add(divider());
        return out;
    }

    static String owner(Verdict v) {
        if (v.team().equals("none")) {
            return "no team to page";
        }
        return "*" + esc(v.teamName()) + "*" + (v.slackGroup() != null ? " <!subteam^" + esc(v.slackGroup()) + ">" : "");
    }

    private static String icon(Report report) {
        return switch (report.verdict().cause()) {
            case HEALTHY -> ":large_green_circle:";
            case DEGRADED, INCONCLUSIVE -> ":large_yellow_circle:";
            default -> ":red_circle:";
        };
    }

    private static String icon(StepStatus status) {
        return switch (status) {
            case PASS -> ":white_check_mark:";
            case WARN -> ":warning:";
            case FAIL -> ":x:";
            case SKIPPED -> ":heavy_minus_sign:";
        };
    }

    /** Slack mrkdwn needs &, < and > escaped; everything shown comes from users or the network. */
    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
