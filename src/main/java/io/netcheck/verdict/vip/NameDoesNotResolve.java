package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.dns.Resolution;
import java.util.List;
import java.util.Optional;

/** The VIP's name does not resolve: nobody can reach it by name, whatever the network does. */
public final class NameDoesNotResolve implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "name-does-not-resolve";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (e.vip().state() != EndpointState.DNS_FAILED) {
            return Optional.empty();
        }
        Resolution r = e.vip().resolution();
        String servers = r.servers().isEmpty() ? "the system resolver" : String.join(", ", r.servers());
        return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM,
                "the name " + r.name() + " does not resolve (" + r.status() + ")",
                "Resolving " + r.name() + " through " + servers + " failed after " + Describe.ms(r.elapsed()) + ": "
                        + r.error() + ". No connection was attempted to the VIP, so clients that use this name "
                        + "fail before sending a single packet.",
                List.of("check the record exists in the zone (dig " + r.name() + ")",
                        "compare with another resolver to tell a zone problem from a resolver problem",
                        "check the search domains in /etc/resolv.conf if the name is not fully qualified"))
                // One resolver path asked once: one signal. `netcheck dns` compares resolvers for more.
                .withSignals(r.name() + ": " + r.status() + " from " + servers));
    }
}
