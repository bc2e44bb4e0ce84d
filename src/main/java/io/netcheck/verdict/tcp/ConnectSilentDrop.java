package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SYNs retransmitted into silence: something drops them without a word, as firewalls do. At most MEDIUM, as for
 * the VIP ({@link SilentDrop}): a filter in the path, one on the target and a lost return path look alike.
 */
public final class ConnectSilentDrop implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "silent-drop";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        if (a.state() != TcpState.TIMEOUT) {
            return Optional.empty();
        }
        boolean captured = a.wire().synsSent() > 0;
        String address = a.address().getAddress().getHostAddress();
        List<String> signals = new ArrayList<>();
        if (captured) {
            signals.add(a.wire().synsSent() + " SYNs to " + a.target().label()
                    + " on the wire, no SYN-ACK, RST or ICMP error back");
        }
        List<String> alive = HostSignals.alive(a.host(), ConnectAttempt.WHOSE);
        String hostUp = "";
        if (!alive.isEmpty()) {
            signals.add(alive.get(0));
            hostUp = " The target host itself answers from here (" + a.host().own().get(0).describe()
                    + "): it is up, and only this port is filtered.";
        }
        return Optional.of(new Finding(Cause.FIREWALL_DROP, captured ? Confidence.MEDIUM : Confidence.LOW,
                "SYNs to " + a.target().label() + " are silently dropped",
                "The connection to " + a.target().label() + " timed out: " + ConnectWords.connect(a)
                        + (captured ? " — no SYN-ACK, no RST, no ICMP error." : ".")
                        + " A closed port answers with RST and a missing route or host with ICMP; silence is what a "
                        + "DROP rule produces (the slow telnet of the guide)." + hostUp,
                List.of("check firewall/security-group rules between this host and " + a.target().label(),
                        "netcheck trace " + address + ":" + a.address().getPort()
                                + " to see the last hop that still answers",
                        "run tcpdump on " + address + " (port " + a.address().getPort() + "): if the SYNs arrive "
                                + "there, the host or its return path drops them; if not, the path does"))
                .withSignals(signals));
    }
}
