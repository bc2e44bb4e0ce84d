package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/** One resolver answers, another is silent: clients that ask the silent one first wait for its timeout. */
public final class DnsSomeResolversSilent implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-some-resolvers-silent";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        List<ResolverResult> silent = e.all().stream().filter(r -> !r.answer().answered()).toList();
        if (silent.isEmpty() || e.answering().isEmpty()) {
            return Optional.empty();
        }
        ResolverResult s = silent.get(0);
        return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM, s.server() + " does not answer",
                s.server() + " (" + s.role() + "): " + s.answer().error() + ", while " + DnsWords.answer(e.primary())
                        + ". Clients that ask " + s.server() + " first wait for its timeout on every lookup.",
                List.of("fix or remove " + s.server() + " from the resolver list")));
    }
}
