package io.netcheck.verdict.mtu;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Unfinished;
import io.netcheck.check.Overran;
import io.netcheck.check.MtuEvidence;
import java.util.List;
import java.util.Optional;

/** Nothing could be sent: no name, no route, no privilege for raw packets, IPv6. Said plainly. */
public final class MtuNotSent implements Rule<MtuEvidence> {
    @Override
    public String id() {
        return "mtu-not-sent";
    }

    @Override
    public Optional<Finding> evaluate(MtuEvidence e) {
        if (e.sent()) {
            return Optional.empty();
        }
        if (e.resolution() != null && e.resolution().status().failed()) {
            return Optional.of(new Finding(Cause.DNS, Confidence.HIGH, e.request().host() + " does not resolve",
                    e.resolution().error() + ". Nothing was sent.", List.of("netcheck dns " + e.request().host()))
                    .withSignals(e.request().host() + ": " + e.resolution().status()));
        }
        if (Overran.is(e.problem())) {
            return Optional.of(Unfinished.finding("netcheck's probe did not finish in time", e.problem(), "the path to " + e.request().host()));
        }
        String problem = e.problem() == null ? "nothing was sent" : e.problem();
        boolean privilege = problem.contains("permission") || problem.contains("CAP_NET_RAW");
        boolean v6 = problem.startsWith("IPv6");
        String to = e.address() == null ? e.request().host() : AddressText.of(e.address());
        return Optional.of(new Finding(Cause.LOCAL, Confidence.HIGH,
                v6 ? "IPv6 path MTU not measured" : privilege ? "netcheck may not send ICMP here"
                        : "no echo request could be sent to " + e.request().host(),
                problem + ". No echo request left this host, so this says nothing about the path to " + to + ".",
                List.of(v6 ? "tracepath -6 " + to + " measures it by hand" : privilege
                        ? "run netcheck as root or grant it CAP_NET_RAW" : "check netcheck's host: ip route get " + to))
                .withSignals(problem));
    }
}
