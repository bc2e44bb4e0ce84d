package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/** Two resolvers that both answered give different rcodes or different records (TTLs aside). */
public final class DnsResolversDisagree implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-resolvers-disagree";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        List<ResolverResult> answering = e.answering();
        if (answering.size() < 2) {
            return Optional.empty();
        }
        ResolverResult first = answering.get(0);
        for (ResolverResult other : answering.subList(1, answering.size())) {
            boolean sameRcode = first.answer().rcode().equals(other.answer().rcode());
            if (!sameRcode || !first.answer().data().equals(other.answer().data())) {
                return Optional.of(new Finding(Cause.DNS, Confidence.HIGH,
                        "resolvers disagree about " + e.qname(),
                        DnsWords.answer(first) + " — but " + DnsWords.answer(other) + ". Clients get different "
                                + "answers depending on the resolver they use: split-horizon DNS, a stale cache or "
                                + "secondary, or a change that has not propagated (compare the TTLs).",
                        List.of("ask the zone's authoritative servers (dns " + e.request().name() + " NS, then "
                                        + "@each) which answer is current",
                                "if a change is recent, wait out the old TTL or flush the stale resolver's cache"))
                        .withSignals(DnsWords.answer(first), DnsWords.answer(other)));
            }
        }
        return Optional.empty();
    }
}
