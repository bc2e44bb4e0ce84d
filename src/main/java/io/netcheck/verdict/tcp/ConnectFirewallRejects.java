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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ICMP administratively prohibited, or port unreachable for a TCP SYN: a REJECT rule answered (a TCP stack refuses
 * with RST, never with ICMP). The target host's own packets say whether the sender sits in front of it. One rule for
 * the VIP checklist and the single commands ({@link Connection}).
 */
public final class ConnectFirewallRejects implements Rule<Connection> {
    @Override
    public String id() {
        return "firewall-rejects";
    }

    @Override
    public Optional<Finding> evaluate(Connection c) {
        var icmp = c.wire().icmp();
        if (icmp == null || c.connected()
                || (icmp.kind() != IcmpKind.ADMIN_PROHIBITED && icmp.kind() != IcmpKind.PORT_UNREACHABLE)) {
            return Optional.empty();
        }
        String where = icmp.fromTarget() ? "on " + AddressText.of(icmp.from()) + " itself"
                : "at " + AddressText.of(icmp.from());
        List<String> signals = new ArrayList<>();
        signals.add(Describe.icmp(icmp) + " in answer to the SYN" + (icmp.fromTarget() ? ""
                : ": the sender is not the " + c.whose() + ", and a TCP service never answers that way"));
        if (icmp.kind() == IcmpKind.ADMIN_PROHIBITED) {
            signals.add("\"administratively prohibited\" is only sent by filtering rules");
        }
        signals.add(HostSignals.senderCloser(c.host(), icmp, c.whose()));
        if (!icmp.fromTarget()) {
            HostSignals.alive(c.host(), c.whose()).stream().findFirst().ifPresent(signals::add);
        }
        return Optional.of(new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH,
                "a firewall " + where + " rejects connections to " + c.label(),
                "The SYN to " + c.label() + " was answered with " + Describe.icmp(icmp)
                        + (icmp.fromTarget() ? ". A host firewall on the " + c.whose() + " rejects the port"
                        : ". A TCP service never answers that way: the sender is a filtering device in the path")
                        + ", so the connection never reached the listener. The packet lines are the proof to hand "
                        + "over.",
                List.of("find the REJECT rule for " + c.label() + " on " + AddressText.of(icmp.from()),
                        "if the rule is intended, the client's source address needs an exception"))
                .withSignals(signals));
    }
}
