package io.netcheck.verdict.tcp;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/**
 * A router has no route (net unreachable), or the packet looped until its TTL ran out. One rule for the VIP
 * checklist and the single commands ({@link Connection}).
 */
public final class ConnectNoRoute implements Rule<Connection> {
    @Override
    public String id() {
        return "no-route";
    }

    @Override
    public Optional<Finding> evaluate(Connection c) {
        var icmp = c.wire().icmp();
        boolean icmpSays = icmp != null && !c.connected()
                && (icmp.kind() == IcmpKind.NET_UNREACHABLE || icmp.kind() == IcmpKind.TIME_EXCEEDED);
        String error = c.error();
        boolean socketSays = icmp == null && c.state() == TcpState.UNREACHABLE && error != null
                && error.contains("Network is unreachable");
        if (!icmpSays && !socketSays) {
            return Optional.empty();
        }
        String address = AddressText.of(c.address().getAddress());
        String evidence = icmpSays ? Describe.icmp(icmp) : "the kernel's \"" + error + "\"";
        return Optional.of(new Finding(Cause.ROUTING, icmpSays ? Confidence.HIGH : Confidence.MEDIUM,
                "no route to " + address + (icmpSays ? " at router " + AddressText.of(icmp.from()) : ""),
                "The SYN to " + c.label() + " was answered with " + evidence + ". "
                        + (icmpSays && icmp.kind() == IcmpKind.TIME_EXCEEDED
                        ? "The packet's TTL ran out in transit: a routing loop."
                        : "A router on the way has no route to the " + c.whose() + "'s network, so the traffic "
                        + "never reaches it."),
                List.of("netcheck trace " + address + " to see where the path ends",
                        "check the routing table of " + (icmpSays ? AddressText.of(icmp.from()) : "the routers")
                                + " for " + address))
                .withSignals(icmpSays ? evidence + " in answer to the SYN" : evidence,
                        icmpSays ? HostSignals.sameError(c.host(), icmp, c.whose()) : null));
    }
}
