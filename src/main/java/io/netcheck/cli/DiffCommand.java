package io.netcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcheck.diff.Change;
import io.netcheck.diff.ReportDiff;
import io.netcheck.diff.ReportFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code netcheck diff A.json B.json}: what changed from report A (usually the last one that worked) to report B.
 * Exit status 0 when nothing compared changed, 1 when something did, 2 for bad files.
 */
final class DiffCommand {
    static final String USAGE = "usage: netcheck diff BEFORE.json AFTER.json   (reports written with --json)";

    private DiffCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err, ZoneId zone) {
        if (args.size() != 2) {
            err.println("netcheck diff: two report files, the earlier first");
            err.println(USAGE);
            return Cli.USAGE;
        }
        JsonNode before;
        JsonNode after;
        try {
            before = ReportFile.read(Path.of(args.get(0)));
            after = ReportFile.read(Path.of(args.get(1)));
        } catch (ReportFile.Bad e) {
            err.println("netcheck diff: " + e.getMessage());
            return Cli.USAGE;
        } catch (java.nio.file.InvalidPathException e) {
            err.println("netcheck diff: not a file name: " + e.getInput());
            return Cli.USAGE;
        }
        String kind = ReportFile.kind(before);
        if (!kind.equals(ReportFile.kind(after))) {
            err.println("netcheck diff: " + args.get(0) + " is a " + kind + " report and " + args.get(1) + " a "
                    + ReportFile.kind(after) + " report: only reports of the same kind compare");
            return Cli.USAGE;
        }
        out.println("netcheck diff " + args.get(0) + " " + args.get(1));
        out.println("before: " + line(before, zone));
        out.println("after:  " + line(after, zone));
        if (!before.path("target").asText().equals(after.path("target").asText())) {
            out.println("note: the targets differ (" + before.path("target").asText() + ", "
                    + after.path("target").asText() + "): compared anyway");
        }
        List<Change> changes = ReportDiff.between(before, after);
        if (changes.isEmpty()) {
            out.println("nothing compared changed (DNS answers, certificate, distance, handshake, load balancer, "
                    + "real servers, path, path MTU, HTTP status)");
            return Cli.HEALTHY;
        }
        out.println("changed (" + changes.size() + "), first suspect first:");
        changes.forEach(c -> out.println("  - " + c.text()));
        return Cli.FAULT;
    }

    private static String line(JsonNode report, ZoneId zone) {
        String at = report.path("startedAt").asText();
        try {
            at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(Instant.parse(at).atZone(zone));
        } catch (java.time.format.DateTimeParseException e) {
            // shown as written
        }
        return report.path("command").asText() + "  (" + at + ", " + report.path("verdict").path("cause").asText()
                + ")";
    }
}
