package io.netcheck.render;

import io.netcheck.check.CaptureSummary;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Verdict;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders a report for a terminal: verdict first, then each step with its packet lines. */
public final class TextRenderer {
    private static final int WIDTH = 100;
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");
    private final ZoneId zone;

    public TextRenderer(ZoneId zone) {
        this.zone = zone;
    }

    public String render(Report report) {
        StringBuilder out = new StringBuilder();
        out.append("netcheck ").append(report.command()).append('\n');
        out.append("started ").append(STARTED.format(report.startedAt().atZone(zone))).append(", took ")
                .append(Describe.ms(report.elapsed())).append("\n\n");
        verdict(out, report.verdict());
        int n = 1;
        for (Step step : report.steps()) {
            out.append('\n');
            step(out, "[" + n++ + "] ", step, "    ");
        }
        out.append('\n');
        capture(out, report.capture());
        // vip --from: the agent's side has a .pcap of its own, written next to netcheck's.
        PcapFiles.of(report).stream().filter(f -> !f.side().equals(PcapFiles.NETCHECK)).forEach(f -> out
                .append("pcap (").append(f.side()).append("'s side, ").append(f.packets()).append(" packets): ")
                .append(f.file()).append('\n'));
        return out.toString();
    }

    private static void verdict(StringBuilder out, Verdict v) {
        out.append("VERDICT  ").append(v.cause()).append("  →  ").append(v.teamName()).append(" (").append(v.team())
                .append(")  confidence ").append(v.confidence()).append('\n');
        out.append("  ").append(v.summary()).append('\n');
        wrap(out, v.explanation(), "  ");
        if (!v.nextSteps().isEmpty()) {
            out.append("  next:\n");
            v.nextSteps().forEach(s -> wrap(out, "- " + s, "    "));
        }
        if (!v.signals().isEmpty()) {
            out.append("  signals:\n");
            v.signals().forEach(s -> wrap(out, "- " + s, "    "));
        }
        out.append("  rule: ").append(v.rule()).append('\n');
    }

    private static void step(StringBuilder out, String prefix, Step step, String indent) {
        out.append(prefix).append(step.title()).append("  ").append(step.status()).append("  ").append(step.outcome())
                .append('\n');
        wrap(out, step.summary(), indent);
        for (Fact f : step.facts()) {
            wrap(out, f.label() + ": " + f.value(), indent);
        }
        for (String line : step.packets()) {
            out.append(indent).append("  ").append(line).append('\n');
        }
        for (Step sub : step.substeps()) {
            step(out, indent + "- ", sub, indent + "    ");
        }
    }

    private static void capture(StringBuilder out, CaptureSummary c) {
        if (!c.available() && c.snaplen() == 0) {
            // Commands without packets of their own (dns, listeners, listen): not a failure.
            out.append("capture: none — ").append(c.problem()).append('\n');
            return;
        }
        if (!c.available()) {
            out.append("capture: UNAVAILABLE — ").append(c.problem()).append('\n');
            return;
        }
        out.append("capture: ").append(String.join(", ", c.interfaces())).append(", snaplen ").append(c.snaplen())
                .append(" bytes (headers only), ").append(c.packets()).append(" packets")
                .append(c.dropped() > 0 ? ", " + c.dropped() + " DROPPED by the kernel" : "").append('\n');
        if (c.pcapFile() != null) {
            out.append("pcap: ").append(c.pcapFile()).append("  (tcpdump -nn -r, or Wireshark)\n");
        } else if (c.problem() != null) {
            out.append("pcap: not written — ").append(c.problem()).append('\n');
        }
    }

    /** Wraps prose at the terminal width; packet lines are never wrapped (they are copied as they are). */
    static void wrap(StringBuilder out, String text, String indent) {
        if (text == null || text.isEmpty()) {
            return;
        }
        int width = Math.max(40, WIDTH - indent.length());
        String continuation = indent + (text.startsWith("- ") ? "  " : "");
        StringBuilder line = new StringBuilder();
        String current = indent;
        for (String word : List.of(text.split(" "))) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(current).append(line).append('\n');
                line.setLength(0);
                current = continuation;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.append(current).append(line).append('\n');
        }
    }
}
