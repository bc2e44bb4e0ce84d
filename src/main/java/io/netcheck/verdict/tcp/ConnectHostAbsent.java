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

/** ICMP host unreachable: the last router reached the subnet but nobody answered ARP/ND for the address. */
public final class ConnectHostAbsent implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "host-absent";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        var icmp = a.wire().icmp();
        boolean icmpSays = icmp != null && !a.connected() && icmp.kind() == IcmpKind.HOST_UNREACHABLE;
        boolean socketSays = icmp == null && a.state() == TcpState.UNREACHABLE;
        if (!icmpSays && !socketSays) {
            return Optional.empty();
        }
        String address = a.address().getAddress().getHostAddress();
        return Optional.of(new Finding(Cause.HOST_UNREACHABLE, icmpSays ? Confidence.HIGH : Confidence.MEDIUM,
                "nothing holds the address " + address + " on its subnet",
                (icmpSays ? "Router " + icmp.from().getHostAddress() + " answered the SYN with " + Describe.icmp(icmp)
                        : "The kernel reported \"" + a.connect().error() + "\" with no ICMP from the path")
                        + ": the packet reached the target's subnet but no machine answered ARP/neighbour discovery for "
                        + address + ". The host is down, or the address is not configured on it.",
                List.of("check the host that should own " + address + " is up and has the address (ip addr)",
                        "check the ARP/neighbour table of " + (icmpSays ? icmp.from().getHostAddress() : "the last router")
                                + " for " + address))
                .withSignals(icmpSays ? Describe.icmp(icmp) + " in answer to the SYN" : a.connect().error(),
                        icmpSays ? HostSignals.sameError(a.host(), icmp, ConnectAttempt.WHOSE) : null));
    }
}
