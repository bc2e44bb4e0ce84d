package io.netcheck.verdict;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.ConnectAttempt;
import java.util.List;
import java.util.Optional;

/**
 * ICMP administratively prohibited, or port unreachable for a TCP SYN: a REJECT rule answered (a TCP
 * stack refuses with RST, never with ICMP).
 */
final class ConnectFirewallRejects implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "firewall-rejects";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        var icmp = a.wire().icmp();
        if (icmp == null || a.connected()
                || (icmp.kind() != IcmpKind.ADMIN_PROHIBITED && icmp.kind() != IcmpKind.PORT_UNREACHABLE)) {
            return Optional.empty();
        }
        String where = icmp.fromTarget() ? "on " + icmp.from().getHostAddress() + " itself"
                : "at " + icmp.from().getHostAddress();
        return Optional.of(new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH,
                "a firewall " + where + " rejects connections to " + a.target().label(),
                "The SYN to " + a.target().label() + " was answered with " + Describe.icmp(icmp)
                        + (icmp.fromTarget() ? ". A host firewall on the target rejects the port"
                        : ". A TCP service never answers that way: the sender is a filtering device in the path")
                        + ". The packet lines are the proof to hand over.",
                List.of("find the REJECT rule for " + a.target().label() + " on " + icmp.from().getHostAddress(),
                        "if the rule is intended, the client's source address needs an exception")));
    }
}
