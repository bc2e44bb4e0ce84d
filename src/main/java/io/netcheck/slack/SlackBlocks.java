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

/**
 * Renders the report model as Slack Block Kit: the status card (root message, edited in place), one
 * thread reply per step with its packets, and the verdict reply. Respects Slack's limits (3000 characters
 * per text object, 50 blocks per message): evidence that does not fit goes into an attached text file,
 * never silently cut.
 */
final class SlackBlocks {
    static final String RERUN_ACTION = "netcheck_rerun";
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

    static List<LayoutBlock> finalCard(Report report, String userId, String commandText, String threadNote) {
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
        blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(RERUN_ACTION)
                .text(plainText("Run again")).value(truncate(commandText, 2000)))))));
        return blocks;
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
