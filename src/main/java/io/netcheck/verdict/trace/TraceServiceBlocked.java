package io.netcheck.verdict.trace;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.net.InetAddress;
import io.netcheck.check.TraceEvidence;
import io.netcheck.probe.raw.HopAnswer;
import java.util.List;
import java.util.Optional;

/**
 * ICMP reaches the destination, TCP to the service port does not: a filter for that port sits right after
 * the last hop that still answered the SYNs.
 */
public final class TraceServiceBlocked implements Rule<TraceEvidence> {
    @Override
    public String id() {
        return "trace-service-blocked";
    }

    @Override
    public Optional<Finding> evaluate(TraceEvidence e) {
        if (!e.icmpReached() || e.tcpReached() || e.tcpEnd() != null && e.tcpEnd().destination()) {
            return Optional.empty();
        }
        HopAnswer end = e.tcpEnd();
        int port = e.request().target().port();
        String dst = AddressText.of(e.address());
        if (end != null && end.unreachable()) {
            return Optional.of(new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH,
                    AddressText.of(end.from()) + " rejects TCP to " + dst + ":" + port + "; ICMP gets through",
                    "The ICMP echo reaches " + dst + " at hop " + e.lastTtl(false) + ", but the SYN to port " + port
                            + " was answered at hop " + e.lastTtl(true) + " with " + TraceWords.answer(end) + ". A "
                            + "filter for the service port rejects it there.",
                    List.of("find the rule for port " + port + " on " + AddressText.of(end.from())))
                    .withSignals("the SYN with TTL " + e.lastTtl(true) + ": " + TraceWords.answer(end), reached(e)));
        }
        String after = end == null ? "this host" : "hop " + e.lastTtl(true) + " (" + AddressText.of(end.from()) + ")";
        return Optional.of(new Finding(Cause.FIREWALL_DROP, Confidence.HIGH,
                "TCP to port " + port + " is dropped after " + after + "; ICMP reaches " + dst,
                "The ICMP echo reaches " + dst + " at hop " + e.lastTtl(false) + ", so the route works. The SYNs to "
                        + "port " + port + " with the same TTLs go silent after " + after + ": the next device on the "
                        + "path drops TCP to that port (a firewall that blocks only the service)."
                        + (e.routers().isEmpty() ? "" : " Routers seen: " + e.routers().stream()
                        .map(InetAddress::getHostAddress).toList() + "."),
                List.of("check the firewall rules for port " + port + " on the device after "
                        + (end == null ? "this host" : AddressText.of(end.from()))))
                .withSignals("the SYNs to port " + port + " go unanswered after " + after, reached(e)));
    }

    /** The other probe: ICMP echo reaches the destination, so the route works. */
    private static String reached(TraceEvidence e) {
        return "the ICMP echo reaches " + AddressText.of(e.address()) + " at hop " + e.lastTtl(false) + ": "
                + TraceWords.answer(e.icmpEnd());
    }
}
