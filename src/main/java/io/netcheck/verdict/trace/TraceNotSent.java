package io.netcheck.verdict.trace;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Unfinished;
import io.netcheck.check.Overran;
import io.netcheck.verdict.ping.PingWords;
import io.netcheck.check.TraceEvidence;
import java.util.List;
import java.util.Optional;

/** Nothing could be sent: no name, no route, no privilege, IPv6. */
public final class TraceNotSent implements Rule<TraceEvidence> {
    @Override
    public String id() {
        return "trace-not-sent";
    }

    @Override
    public Optional<Finding> evaluate(TraceEvidence e) {
        if (!e.hops().isEmpty()) {
            return Optional.empty();
        }
        if (e.resolution() != null && e.resolution().status().failed()) {
            // One resolver path asked once: one signal.
            return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM,
                    e.request().target().host() + " does not resolve",
                    e.resolution().error() + ". Nothing was sent.",
                    List.of("netcheck dns " + e.request().target().host()))
                    .withSignals(PingWords.resolution(e.resolution())));
        }
        if (Overran.is(e.problem())) {
            return Optional.of(Unfinished.finding("netcheck's probe did not finish in time", e.problem(), "the path to " + e.request().target().host()));
        }
        // The one error that stopped the first packet: one signal.
        return Optional.of(new Finding(Cause.LOCAL, Confidence.MEDIUM, "no probe could be sent to "
                + e.request().target().host(), String.valueOf(e.problem()) + ". Nothing left this host.",
                List.of("run netcheck as root or with CAP_NET_RAW (crafted packets)"))
                .withSignals(String.valueOf(e.problem())));
    }
}
