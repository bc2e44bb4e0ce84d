package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ICMP "administratively prohibited", or a port unreachable sent by someone other than the VIP: a
 * firewall REJECT rule answered in the VIP's place.
 */
public final class FirewallRejects implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "firewall-rejects";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        var icmp = e.vip().wire().icmp();
        if (icmp == null || e.vip().connected()) {
            return Optional.empty();
        }
        boolean prohibited = icmp.kind() == IcmpKind.ADMIN_PROHIBITED;
        boolean rejectedInPath = icmp.kind() == IcmpKind.PORT_UNREACHABLE;
        if (!prohibited && !rejectedInPath) {
            return Optional.empty();
        }
        List<String> signals = new ArrayList<>();
        signals.add(Describe.icmp(icmp) + " in answer to the SYN" + (icmp.fromTarget() ? ""
                : ": the sender is not the VIP, and a TCP service never answers that way"));
        if (prohibited) {
            signals.add("\"administratively prohibited\" is only sent by filtering rules");
        }
        signals.add(HostSignals.senderCloser(e, icmp));
        if (!icmp.fromTarget()) {
            HostSignals.alive(e).stream().findFirst().ifPresent(signals::add);
        }
        String where = icmp.fromTarget() ? "on the VIP's own host" : "at " + icmp.from().getHostAddress();
        return Optional.of(new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH,
                "a firewall " + where + " rejects connections to " + e.vip().target().label(),
                "The SYN to " + e.vip().target().label() + " was answered with " + Describe.icmp(icmp)
                        + (icmp.fromTarget() ? ". A host firewall on the VIP rejects the port"
                        : ". A TCP service never answers that way: the sender is a filtering device in the path")
                        + ", so the connection never reached the load balancer's listener (step 1 of the checklist "
                        + "fails). The packet lines below are the proof to hand over.",
                List.of("find the REJECT rule for " + e.vip().target().label() + " on " + icmp.from().getHostAddress(),
                        "if the rule is intended, the client's source address needs an exception"))
                .withSignals(signals));
    }
}
