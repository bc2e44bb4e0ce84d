package io.netcheck.verdict.ping;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Unfinished;
import io.netcheck.check.Overran;
import io.netcheck.check.PingEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Nothing could be sent: no name, no route, no privilege for raw packets, IPv6. Said plainly instead of
 * pretending (no fallback to a TCP "ping").
 */
public final class PingNotSent implements Rule<PingEvidence> {
    @Override
    public String id() {
        return "ping-not-sent";
    }

    @Override
    public Optional<Finding> evaluate(PingEvidence e) {
        if (e.sent() > 0) {
            return Optional.empty();
        }
        if (e.resolution() != null && e.resolution().status().failed()) {
            // One resolver path asked once: one signal (netcheck dns compares resolvers).
            return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM, e.request().host() + " does not resolve",
                    e.resolution().error() + ". Nothing was sent.", List.of("netcheck dns " + e.request().host()))
                    .withSignals(PingWords.resolution(e.resolution())));
        }
        if (Overran.is(e.problem())) {
            return Optional.of(Unfinished.finding("netcheck's probe did not finish in time", e.problem(), e.request().host()));
        }
        String problem = e.problem() == null ? "nothing was sent" : e.problem();
        boolean privilege = problem.contains("permission") || problem.contains("CAP_NET_RAW");
        // The one error that stopped the first packet: one signal.
        return Optional.of(new Finding(Cause.LOCAL, Confidence.MEDIUM,
                privilege ? "netcheck may not send ICMP here" : "no echo request could be sent to " + e.request().host(),
                problem + ". No echo request left this host, so this says nothing about " + e.request().host()
                        + (privilege ? ". (netcheck does not fall back to a TCP \"ping\": that would test a different "
                        + "thing; use netcheck tcp for the port.)" : "."),
                List.of(privilege ? "run netcheck as root or grant it CAP_NET_RAW" : "check netcheck's host: "
                        + "ip route get " + (e.address() == null ? e.request().host() : AddressText.of(e.address()))))
                .withSignals(problem));
    }
}
