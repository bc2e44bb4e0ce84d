package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.TraceEvidence;
import io.netcheck.probe.raw.TraceHop;
import io.netcheck.verdict.trace.TraceWords;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code trace}: one fact per hop with the ICMP and the TCP answer side by side. */
public final class TraceReport {
    private TraceReport() {
    }

    public static Report of(TraceEvidence e, Verdict verdict) {
        int port = e.request().target().port();
        List<Fact> facts = new ArrayList<>();
        if (e.result() != null && e.result().nextHop() != null) {
            facts.add(new Fact("first hop", AddressText.of(e.result().nextHop()) + " via " + e.result().iface()));
        }
        for (TraceHop h : e.hops()) {
            facts.add(new Fact("hop " + h.ttl(), "icmp: " + (h.icmpSent() ? TraceWords.answer(h.icmp()) : "-")
                    + "  |  tcp/" + port + ": " + (h.tcpSent() ? TraceWords.answer(h.tcp()) : "-")));
        }
        if (!e.request().portGiven()) {
            facts.add(new Fact("port", "no port given: TCP SYNs went to port 80"));
        }
        if (e.problem() != null) {
            facts.add(new Fact("problem", e.problem()));
        }
        String outcome = e.hops().isEmpty() ? "NOT_SENT" : e.tcpReached() ? "TCP_REACHED"
                : e.icmpReached() ? "ICMP_ONLY" : "NOT_REACHED";
        StepStatus status = e.tcpReached() ? StepStatus.PASS : StepStatus.FAIL;
        String summary = e.hops().isEmpty() ? String.valueOf(e.problem())
                : "icmp: " + (e.icmpReached() ? "reaches the destination at hop " + e.lastTtl(false)
                : "last answer at hop " + e.lastTtl(false)) + "; tcp/" + port + ": " + (e.tcpReached()
                ? "reaches the destination at hop " + e.lastTtl(true) : "last answer at hop " + e.lastTtl(true));
        Step step = new Step("path", "Which hops answer on the way to " + e.request().target().label() + "?", status,
                outcome, summary, facts, e.packets(), List.of());
        return new Report("trace " + e.request().target().label() + " --max-hops " + e.request().maxHops()
                + " --timeout " + e.request().hopWait().toMillis() + "ms", e.request().target().label(), e.startedAt(),
                e.elapsed(), verdict, List.of(step), e.capture(), e);
    }
}
