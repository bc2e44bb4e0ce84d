package io.netcheck.verdict.host;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ListenEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Nothing arrived while listening: either no client tried, or something in between drops the SYNs. netcheck
 * cannot tell which from this side alone, so it says so instead of blaming the firewall.
 */
public final class ListenNothingArrived implements Rule<ListenEvidence> {
    @Override
    public String id() {
        return "listen-nothing-arrived";
    }

    @Override
    public Optional<Finding> evaluate(ListenEvidence e) {
        if (e.problem() != null || !e.arrivals().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.INCONCLUSIVE, Confidence.LOW,
                "no connection reached port " + e.request().port() + " in " + Describe.ms(e.elapsed()),
                "The listener on " + e.host() + " (" + e.bound() + ") waited " + Describe.ms(e.elapsed())
                        + " and nothing connected. If a client did try during that time (e.g. nc " + e.host() + " "
                        + e.request().port() + "), its SYNs were dropped on the way: a firewall or security group "
                        + "between the client and this host (FIREWALL_DROP). If nobody tried, run it again while the "
                        + "client connects.",
                List.of("run the client (netcheck tcp THIS-HOST:" + e.request().port() + ") while the listener runs",
                        "check host firewall rules here (iptables -L -n) and the security group for port "
                                + e.request().port())));
    }

}
