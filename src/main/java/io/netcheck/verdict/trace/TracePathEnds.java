package io.netcheck.verdict.trace;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.TraceRequest;
import io.netcheck.probe.raw.HopAnswer;
import java.util.List;
import java.util.Optional;

/** Neither probe reaches the destination: the path ends at the last hop that answered. */
public final class TracePathEnds implements Rule<TraceEvidence> {
    @Override
    public String id() {
        return "trace-path-ends";
    }

    @Override
    public Optional<Finding> evaluate(TraceEvidence e) {
        if (e.icmpReached() || e.tcpReached() || (e.tcpEnd() != null && e.tcpEnd().destination())) {
            return Optional.empty();
        }
        HopAnswer end = e.icmpEnd() != null && (e.tcpEnd() == null || e.lastTtl(false) >= e.lastTtl(true))
                ? e.icmpEnd() : e.tcpEnd();
        String dst = AddressText.of(e.address());
        if (end != null && end.unreachable()) {
            IcmpKind kind = IcmpKind.of(4, end.icmpType(), end.icmpCode());
            Cause cause = kind == IcmpKind.NET_UNREACHABLE ? Cause.ROUTING
                    : kind == IcmpKind.HOST_UNREACHABLE ? Cause.HOST_UNREACHABLE : Cause.FIREWALL_REJECT;
            return Optional.of(new Finding(cause, Confidence.HIGH,
                    "the path to " + dst + " ends at " + AddressText.of(end.from()) + ": " + kind.words(),
                    "Both probes stop at hop " + Math.max(e.lastTtl(false), e.lastTtl(true)) + ": "
                            + TraceWords.answer(end) + ".",
                    List.of("check " + AddressText.of(end.from()) + " (routes, neighbours, filters) for " + dst))
                    // Each probe (echo, SYN) that ends at the same device with the same error is one signal.
                    .withSignals(sameEnd(e.icmpEnd(), end, "the ICMP echo"), sameEnd(e.tcpEnd(), end, "the TCP SYN")));
        }
        String after = end == null ? "the first hop" : "hop " + Math.max(e.lastTtl(false), e.lastTtl(true)) + " ("
                + AddressText.of(end.from()) + ")";
        return Optional.of(new Finding(Cause.FIREWALL_DROP, Confidence.MEDIUM,
                "the path to " + dst + " goes silent after " + after,
                "Neither ICMP echo nor TCP SYN to port " + e.request().target().port() + " reaches " + dst + "; the "
                        + "last answer came from " + after + ", then " + TraceRequest.SILENT_LIMIT + " silent hops in a row. "
                        + "A device after "
                        + "it drops the traffic (firewall), or the destination is down behind a router that does not "
                        + "report it.",
                List.of("check what comes after " + (end == null ? "this host's gateway" : AddressText.of(end.from()))
                        + " on the path to " + dst)));
    }

    private static String sameEnd(HopAnswer a, HopAnswer end, String probe) {
        return a != null && a.unreachable() && a.from().equals(end.from()) && a.icmpType() == end.icmpType()
                && a.icmpCode() == end.icmpCode() ? probe + " ends there: " + TraceWords.answer(a) : null;
    }
}
