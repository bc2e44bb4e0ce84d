package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/**
 * A made-up name that no zone holds got records: the resolver invents answers (NXDOMAIN rewriting by an
 * ISP or a captive portal, or a wildcard record), so every answer it gives is suspect.
 */
public final class DnsInventsAnswers implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-invents-answers";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        List<ResolverResult> inventing = e.answering().stream().filter(ResolverResult::invents).toList();
        if (inventing.isEmpty()) {
            return Optional.empty();
        }
        ResolverResult r = inventing.get(0);
        return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM,
                r.server() + " invents answers for names that do not exist",
                "Asked for " + e.canaryName() + ", a random name that no zone should hold, " + r.server() + " ("
                        + r.role() + ") answered " + DnsWords.answer(r.canary()) + ". A resolver that rewrites "
                        + "NXDOMAIN (ISP \"search assist\", captive portal, corporate proxy) or a wildcard record "
                        + "under the parent zone does this; either way, the answer for " + e.qname() + " ("
                        + DnsWords.data(r.answer()) + ") may be made up too.",
                List.of("compare with a resolver you trust: dns " + e.request().name() + " " + e.request().type()
                                + " @ADDRESS",
                        "check the parent zone for a wildcard (*) record, and the resolver for NXDOMAIN rewriting")));
    }
}
