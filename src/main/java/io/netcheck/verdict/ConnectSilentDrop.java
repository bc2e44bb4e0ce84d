package io.netcheck.verdict;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/** SYNs retransmitted into silence: something drops them without a word, as firewalls do. */
final class ConnectSilentDrop implements Rule<ConnectAttempt> {
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
        return Optional.of(new Finding(Cause.FIREWALL_DROP, captured ? Confidence.MEDIUM : Confidence.LOW,
                "SYNs to " + a.target().label() + " are silently dropped",
                "The connection to " + a.target().label() + " timed out: " + ConnectWords.connect(a)
                        + (captured ? " — no SYN-ACK, no RST, no ICMP error." : ".")
                        + " A closed port answers with RST and a missing route or host with ICMP; silence is what a "
                        + "DROP rule produces (the slow telnet of the guide).",
                List.of("check firewall/security-group rules between this host and " + a.target().label(),
                        "netcheck trace " + address + ":" + a.address().getPort()
                                + " to see the last hop that still answers",
                        "run tcpdump on " + address + " (port " + a.address().getPort() + "): if the SYNs arrive "
                                + "there, the host or its return path drops them; if not, the path does")));
    }
}
