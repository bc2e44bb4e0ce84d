package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import io.netcheck.probe.dns.DnsRecordText;
import java.util.List;
import java.util.Optional;

/** NXDOMAIN: the name does not exist at all. */
public final class DnsNameDoesNotExist implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-nxdomain";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        ResolverResult r = e.primary();
        if (r == null || !r.answer().nxdomain()) {
            return Optional.empty();
        }
        String soa = r.answer().authority().stream().filter(a -> a.type().equals("SOA")).findFirst()
                .map(DnsRecordText::name).orElse(null);
        return Optional.of(new Finding(Cause.DNS, Confidence.HIGH, e.qname() + " does not exist (NXDOMAIN)",
                DnsWords.answer(r) + ". The name does not exist" + (soa != null ? " in the zone " + soa : "")
                        + ": a typo, a record never created or deleted, or the wrong zone.",
                List.of("check the spelling and the record in the zone", "if it was just created, resolvers may cache "
                        + "the NXDOMAIN for the SOA's negative TTL"))
                // One resolver path is one signal; several resolvers agreeing make HIGH.
                .withSignals(e.answering().stream().filter(x -> x.answer().nxdomain()).map(DnsWords::answer).toList()));
    }
}
