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
 * ICMP host unreachable: the last router reached the subnet but nobody answered ARP/ND for the address; the host
 * (or load balancer) that should hold it is down or does not have it. One rule for the VIP checklist and the single
 * commands ({@link Connection}).
 */
public final class ConnectHostAbsent implements Rule<Connection> {
    @Override
    public String id() {
        return "host-absent";
    }

    @Override
    public Optional<Finding> evaluate(Connection c) {
        var icmp = c.wire().icmp();
        boolean icmpSays = icmp != null && !c.connected() && icmp.kind() == IcmpKind.HOST_UNREACHABLE;
        boolean socketSays = icmp == null && c.state() == TcpState.UNREACHABLE;
        if (!icmpSays && !socketSays) {
            return Optional.empty();
        }
        String address = AddressText.of(c.address().getAddress());
        return Optional.of(new Finding(Cause.HOST_UNREACHABLE, icmpSays ? Confidence.HIGH : Confidence.MEDIUM,
                "nothing holds the address " + address + " on its subnet",
                (icmpSays ? "Router " + AddressText.of(icmp.from()) + " answered the SYN with " + Describe.icmp(icmp)
                        : "The kernel reported \"" + c.error() + "\" with no ICMP from the path")
                        + ": the packet reached the " + c.whose() + "'s subnet but no machine answered "
                        + "ARP/neighbour discovery for " + address + ". The host (or load balancer) that should own "
                        + "the address is down, or the address is not configured on it.",
                List.of("check the host that should own " + address + " is up and has the address (ip addr)",
                        "check the ARP/neighbour table of " + (icmpSays ? AddressText.of(icmp.from()) : "the last router")
                                + " for " + address))
                .withSignals(icmpSays ? Describe.icmp(icmp) + " in answer to the SYN" : c.error(),
                        icmpSays ? HostSignals.sameError(c.host(), icmp, c.whose()) : null));
    }
}
