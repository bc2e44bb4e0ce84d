package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;

/** A router says it has no route (net unreachable) or the packet looped until its TTL ran out. */
public final class NoRoute implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "no-route";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        var icmp = e.vip().wire().icmp();
        boolean icmpSaysRouting = icmp != null && !e.vip().connected()
                && (icmp.kind() == IcmpKind.NET_UNREACHABLE || icmp.kind() == IcmpKind.TIME_EXCEEDED);
        String error = e.vip().result() == null ? null : e.vip().result().connect().error();
        boolean socketSaysRouting = icmp == null && e.vip().state() == EndpointState.UNREACHABLE
                && error != null && error.contains("Network is unreachable");
        if (!icmpSaysRouting && !socketSaysRouting) {
            return Optional.empty();
        }
        String evidence = icmp != null ? Describe.icmp(icmp) : "the kernel reported \"" + error + "\"";
        return Optional.of(new Finding(Cause.ROUTING, icmp != null ? Confidence.HIGH : Confidence.MEDIUM,
                "no route to " + e.vip().address().getAddress().getHostAddress()
                        + (icmp != null ? " at router " + icmp.from().getHostAddress() : ""),
                "The SYN to " + e.vip().target().label() + " was answered with " + evidence + ". "
                        + (icmp != null && icmp.kind() == IcmpKind.TIME_EXCEEDED
                        ? "The packet's TTL ran out in transit: a routing loop."
                        : "A router on the way has no route to the VIP's network, so the traffic never reaches "
                        + "the load balancer."),
                List.of("traceroute to " + e.vip().address().getAddress().getHostAddress() + " to see where the path ends",
                        "check the routing table of " + (icmp != null ? icmp.from().getHostAddress() : "the routers")
                                + " for the VIP's prefix"))
                .withSignals(evidence + " in answer to the SYN", icmp != null ? HostSignals.sameError(e, icmp) : null));
    }
}
