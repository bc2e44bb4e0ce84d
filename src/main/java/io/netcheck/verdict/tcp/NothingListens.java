package io.netcheck.verdict.tcp;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.vip.VipRefused;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import io.netcheck.check.Attribution;
import java.util.List;
import java.util.Optional;

/**
 * The target refused with RST: the host is there and reachable, nothing listens on the port. Cause
 * BACKENDS_DOWN: the same cause (and owner) the VIP checklist gives a real server that refuses, since a
 * plain host is the server the client wants; VIP_NOT_LISTENING would blame a load balancer.
 *
 * <p>Who sent the RST is judged against the target host's own packets (its echo, a second port): the host itself
 * (HIGH with two agreeing measurements), a host behind it (NAT), or not known (MEDIUM at most). One sent from closer
 * than the host is {@link ConnectForgedReset}'s, never this rule's.
 */
public final class NothingListens implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "nothing-listens";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        Attribution who = a.origin();
        if (a.state() != TcpState.REFUSED || a.wire().icmp() != null
                || who.origin() == Attribution.Origin.IN_PATH) {
            return Optional.empty();
        }
        boolean rst = a.wire().resetSeen();
        String label = a.target().label();
        int port = a.address().getPort();
        String refusal = ConnectWords.connect(a) + ". ";
        String causes = " The service is stopped, listens on another port, or listens on 127.0.0.1 only.";
        List<String> next = List.of("on " + a.target().host() + ": netcheck listeners " + port
                        + " (or ss -ltnp) to see what listens and on which address",
                "start the service, or fix the port/address it binds to");
        Finding f = switch (who.origin()) {
            case VIP_HOST -> new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH, "nothing listens on " + label,
                    refusal + VipRefused.capital(who.reasons().get(0)) + ": the host answered at once with a TCP "
                            + "reset from its own distance and stack, so the network let the SYN through and no "
                            + "process listens on port " + port + " (a fast refusal, not a slow firewall)." + causes,
                    next).withSignals(who.signals());
            case BEHIND_VIP -> new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM,
                    "a host behind " + AddressText.of(a.address().getAddress()) + " refuses " + label,
                    refusal + VipRefused.capital(who.reasons().get(who.reasons().size() - 1)) + ": the address "
                            + "forwards (NATs) the connection to another host, and nothing listens there on the "
                            + "forwarded port. Which host, and which port, is the forwarding rule's to say.",
                    List.of("check what " + AddressText.of(a.address().getAddress()) + " forwards port " + port
                            + " to (DNAT / port-forward / load balancer pool), and that the service listens there",
                            "if it is a load balancer: netcheck vip " + label + " --backends <the real servers>"))
                    .withSignals(who.signals());
            default -> new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM, "nothing listens on " + label,
                    refusal + (rst ? "The target answered at once with a TCP reset: the network let the SYN "
                            + "through, but no process listens on port " + port + "."
                            : "The connection was refused at once: the host is reachable but nothing listens on "
                            + "port " + port + ".") + causes + unmeasured(who),
                    next).withSignals(rst ? "RST from " + AddressText.of(a.wire().resetFrom())
                    + Describe.hops(a.wire().resetTtl()) + " in answer to the SYN"
                    : "the socket reported: " + (a.connect().error() == null ? "refused" : a.connect().error()));
        };
        return Optional.of(f);
    }

    /** Why the RST's sender could not be confirmed as the target host. */
    private static String unmeasured(Attribution who) {
        return " (Whether the target host itself refused or a device in the path reset in its name could not be "
                + "confirmed" + (who.reasons().isEmpty() ? "" : ": " + who.reasons().get(0)) + ".)";
    }
}
