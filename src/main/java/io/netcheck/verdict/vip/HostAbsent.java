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

/**
 * ICMP host unreachable: the last router reached the VIP's subnet but nobody answered ARP/ND for the
 * address. The host that should hold it is down or does not have the address.
 */
public final class HostAbsent implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "host-absent";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        var icmp = e.vip().wire().icmp();
        boolean icmpSays = icmp != null && !e.vip().connected() && icmp.kind() == IcmpKind.HOST_UNREACHABLE;
        boolean socketSays = icmp == null && e.vip().state() == EndpointState.UNREACHABLE;
        if (!icmpSays && !socketSays) {
            return Optional.empty();
        }
        String address = e.vip().address().getAddress().getHostAddress();
        return Optional.of(new Finding(Cause.HOST_UNREACHABLE, icmpSays ? Confidence.HIGH : Confidence.MEDIUM,
                "nothing holds the address " + address + " on its subnet",
                (icmpSays ? "Router " + icmp.from().getHostAddress() + " answered the SYN with " + Describe.icmp(icmp)
                        : "The kernel reported \"" + e.vip().result().connect().error() + "\" with no ICMP from the path")
                        + ": the packet reached the VIP's subnet but no machine answered ARP/neighbour discovery for "
                        + address + ". The load balancer or host that should own the address is down, or the "
                        + "address is not configured on it.",
                List.of("check the host/LB that should own " + address + " is up and has the address (ip addr)",
                        "check the ARP/neighbour table of " + (icmpSays ? icmp.from().getHostAddress() : "the last router")
                                + " for " + address))
                .withSignals(icmpSays ? "ICMP " + icmp.kind().words() + " from " + icmp.from().getHostAddress()
                        + " in answer to the SYN" : e.vip().result().connect().error(),
                        icmpSays ? HostSignals.sameError(e, icmp) : null));
    }
}
