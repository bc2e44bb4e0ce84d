package io.netcheck.report;

import io.netcheck.check.CaptureSummary;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one report model every renderer (terminal, JSON, Slack) draws from.
 *
 * @param command  what was run, normalised ({@code vip 203.0.113.10:80 --backends ...})
 * @param evidence the typed evidence behind the steps, for machine consumers (JSON)
 * @param probed   the addresses the targets resolved to and the probes were aimed at, each once, in the order of
 *                 the command (the VIP before its backends); empty for commands that send nothing or when nothing
 *                 resolved. Filled in from the command's kind ({@link #probing}); the audit names them.
 */
public record Report(String command, String target, Instant startedAt, Duration elapsed, Verdict verdict,
                     List<Step> steps, CaptureSummary capture, Object evidence, List<InetAddress> probed) {
    public Report {
        steps = List.copyOf(steps);
        probed = List.copyOf(probed);
    }

    public Report(String command, String target, Instant startedAt, Duration elapsed, Verdict verdict,
                  List<Step> steps, CaptureSummary capture, Object evidence) {
        this(command, target, startedAt, elapsed, verdict, steps, capture, evidence, List.of());
    }

    /** This report with the addresses its probes were aimed at. */
    public Report probing(List<InetAddress> addresses) {
        return new Report(command, target, startedAt, elapsed, verdict, steps, capture, evidence, addresses);
    }

    public boolean healthy() {
        return verdict.cause().healthy();
    }

    /** See {@link #probed}. */
    public List<InetAddress> probedAddresses() {
        return probed;
    }
}
