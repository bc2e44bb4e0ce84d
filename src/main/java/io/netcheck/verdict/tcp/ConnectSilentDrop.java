package io.netcheck.verdict.tcp;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TcpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SYNs retransmitted into silence: something drops them without a word, as firewalls do. Never HIGH from netcheck's
 * position alone: a drop in the path, the target host's own filter and a broken return path all look the same from
 * here; the target's side of the capture tells them apart. One rule for the VIP checklist and the single commands
 * ({@link Connection}).
 */
public final class ConnectSilentDrop implements Rule<Connection> {
    @Override
    public String id() {
        return "silent-drop";
    }

    @Override
    public Optional<Finding> evaluate(Connection c) {
        if (c.state() != TcpState.TIMEOUT) {
            return Optional.empty();
        }
        boolean captured = c.wire().synsSent() > 0;
        String address = AddressText.of(c.address().getAddress());
        List<String> signals = new ArrayList<>();
        if (captured) {
            signals.add(c.wire().synsSent() + " SYNs to " + c.label()
                    + " on the wire, no SYN-ACK, RST or ICMP error back");
        }
        StringBuilder why = new StringBuilder("The connection to ").append(c.label()).append(" timed out: ")
                .append(c.words()).append(captured ? " — no SYN-ACK, no RST, no ICMP error." : ".")
                .append(" A closed port answers with RST and a missing route or host with ICMP; silence is what a "
                        + "DROP rule produces (the slow telnet of the guide): the SYNs never reached the listener, or "
                        + "its answer never came back.");
        List<String> alive = HostSignals.alive(c.host(), c.whose());
        if (!alive.isEmpty()) {
            signals.add(alive.get(0));
            why.append(" The ").append(c.whose()).append(" host itself answers from here (")
                    .append(c.host().own().get(0).describe()).append("): it is up, and only the ").append(c.whose())
                    .append(" port is filtered.");
        }
        if (c.serversUp() != null) {
            signals.add("the real servers answer from here: " + c.serversUp());
            why.append(" The real servers behind it do answer from here (").append(c.serversUp())
                    .append("), so the path to that network works: the drop is specific to the ").append(c.whose())
                    .append(".");
        }
        why.append(" From netcheck's position a firewall in the path, a filter on the ").append(c.whose())
                .append(" host and a return path that loses its answers look the same.");
        return Optional.of(new Finding(Cause.FIREWALL_DROP, captured ? Confidence.MEDIUM : Confidence.LOW,
                "SYNs to " + c.label() + " are silently dropped", why.toString(),
                List.of("check firewall/security-group rules between this host and " + c.label(),
                        "netcheck trace " + address + ":" + c.address().getPort()
                                + " to see the last hop that still answers",
                        "run tcpdump on " + address + " (port " + c.address().getPort() + ", the " + c.whose()
                                + "'s host): if the SYNs arrive there, the host or its return path drops them; if "
                                + "not, the path does"))
                .withSignals(signals));
    }
}
