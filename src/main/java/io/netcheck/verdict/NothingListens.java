package io.netcheck.verdict;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/**
 * The target refused with RST: the host is there and reachable, nothing listens on the port. Cause
 * BACKENDS_DOWN: the same cause (and owner) the VIP checklist gives a real server that refuses, since a
 * plain host is the server the client wants; VIP_NOT_LISTENING would blame a load balancer.
 */
final class NothingListens implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "nothing-listens";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        if (a.state() != TcpState.REFUSED || a.wire().icmp() != null) {
            return Optional.empty();
        }
        boolean rst = a.wire().resetSeen();
        String label = a.target().label();
        return Optional.of(new Finding(Cause.BACKENDS_DOWN, rst ? Confidence.HIGH : Confidence.MEDIUM,
                "nothing listens on " + label,
                ConnectWords.connect(a) + ". " + (rst ? "The host answered at once with a TCP reset: it is up and "
                        + "reachable, and the network let the SYN through, but no process listens on port "
                        + a.address().getPort() + " (a fast refusal, not a slow firewall)."
                        : "The connection was refused at once: the host is reachable but nothing listens on port "
                        + a.address().getPort() + ".") + " The service is stopped, listens on another port, or "
                        + "listens on 127.0.0.1 only.",
                List.of("on " + a.target().host() + ": netcheck listeners " + a.address().getPort()
                                + " (or ss -ltnp) to see what listens and on which address",
                        "start the service, or fix the port/address it binds to")));
    }
}
