package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/** The name resolves, consistently, and no resolver invents answers. */
public final class DnsResolves implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-resolves";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        ResolverResult r = e.primary();
        if (r == null || !r.answer().noError() || r.answer().ofAskedType().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                e.qname() + " " + e.request().type() + " → " + DnsWords.data(r.answer()),
                DnsWords.answer(r) + "." + (e.all().size() > 1 ? " Every resolver asked agrees." : "")
                        + (e.canaryName() != null ? " No resolver invents answers for names that do not exist." : ""),
                // Each resolver giving this answer is one signal: a single resolver is MEDIUM.
                List.of()).withSignals(e.answering().stream().map(DnsWords::answer).toList()));
    }
}
