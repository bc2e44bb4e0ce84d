package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/** A router has no route (net unreachable), or the packet looped until its TTL ran out. */
public final class ConnectNoRoute implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "no-route";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        var icmp = a.wire().icmp();
        boolean icmpSays = icmp != null && !a.connected()
                && (icmp.kind() == IcmpKind.NET_UNREACHABLE || icmp.kind() == IcmpKind.TIME_EXCEEDED);
        String error = a.connect() == null ? null : a.connect().error();
        boolean socketSays = icmp == null && a.state() == TcpState.UNREACHABLE && error != null
                && error.contains("Network is unreachable");
        if (!icmpSays && !socketSays) {
            return Optional.empty();
        }
        String address = a.address().getAddress().getHostAddress();
        return Optional.of(new Finding(Cause.ROUTING, icmpSays ? Confidence.HIGH : Confidence.MEDIUM,
                "no route to " + address + (icmpSays ? " at router " + icmp.from().getHostAddress() : ""),
                "The SYN to " + a.target().label() + " was answered with "
                        + (icmpSays ? Describe.icmp(icmp) : "the kernel's \"" + error + "\"") + ". "
                        + (icmpSays && icmp.kind() == IcmpKind.TIME_EXCEEDED
                        ? "The packet's TTL ran out in transit: a routing loop."
                        : "A router on the way has no route to the target's network."),
                List.of("netcheck trace " + address + " to see where the path ends",
                        "check the routing table of " + (icmpSays ? icmp.from().getHostAddress() : "the routers")
                                + " for " + address))
                .withSignals(icmpSays ? Describe.icmp(icmp) + " in answer to the SYN"
                                : "the kernel's \"" + error + "\"",
                        icmpSays ? HostSignals.sameError(a.host(), icmp, ConnectAttempt.WHOSE) : null));
    }
}
