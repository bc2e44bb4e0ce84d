package io.netcheck.verdict.dns;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/** NOERROR without records of the asked type (NODATA): the name exists, the record does not. */
public final class DnsNoRecord implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-no-record";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        ResolverResult r = e.primary();
        if (r == null || !r.answer().noError() || !r.answer().ofAskedType().isEmpty()) {
            return Optional.empty();
        }
        String type = e.request().type();
        return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM, e.qname() + " has no " + type + " record",
                DnsWords.answer(r) + ". The name exists, but without a " + type + " record"
                        + (r.answer().answers().isEmpty() ? "" : " (only the records listed)") + "."
                        + (type.equals("AAAA") ? " IPv6 clients fall back to IPv4 if they can; that is often fine." : ""),
                List.of("add the " + type + " record if clients need it", "check the type asked is the one clients use")));
    }
}
