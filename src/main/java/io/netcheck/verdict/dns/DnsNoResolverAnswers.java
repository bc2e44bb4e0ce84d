package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** No resolver answered at all (or none is configured): names cannot resolve from here. */
public final class DnsNoResolverAnswers implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-no-resolver-answers";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        if (e.problem() != null) {
            // One reading of resolv.conf: one signal.
            return Optional.of(new Finding(Cause.LOCAL, Confidence.MEDIUM, "netcheck's host has no DNS resolver",
                    e.problem() + ": nothing was asked.", List.of("add a nameserver to /etc/resolv.conf, or give one: "
                    + "dns " + e.request().name() + " @ADDRESS")).withSignals(e.problem()));
        }
        if (!e.answering().isEmpty()) {
            return Optional.empty();
        }
        String all = e.all().stream().map(r -> r.server() + " (" + r.role() + "): " + r.answer().error())
                .collect(Collectors.joining("; "));
        return Optional.of(new Finding(Cause.DNS, Confidence.HIGH, "no DNS server answered",
                "Every resolver asked stayed silent or refused the packets: " + all + ". Names cannot be resolved "
                        + "from here until one answers.",
                List.of("netcheck tcp/trace to the resolver's address to see whether it is reachable at all",
                        "check the resolver process is running and listens on port 53 (netcheck listeners 53 on it)"))
                // Each silent resolver is one signal: two silent servers make the outage HIGH, one is MEDIUM.
                .withSignals(e.all().stream().map(DnsWords::answer).toList()));
    }

    public static String servers(List<ResolverResult> rs) {
        return rs.stream().map(ResolverResult::server).collect(Collectors.joining(", "));
    }
}
