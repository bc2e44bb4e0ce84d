package io.netcheck.verdict.dns;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/** A resolver answered, but with SERVFAIL, REFUSED or another error code: it could not or would not resolve. */
public final class DnsResolverFails implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-resolver-fails";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        List<ResolverResult> failing = e.answering().stream()
                .filter(r -> !r.answer().noError() && !r.answer().nxdomain()).toList();
        if (failing.isEmpty()) {
            return Optional.empty();
        }
        ResolverResult r = failing.get(0);
        String rcode = r.answer().rcode();
        String meaning = rcode.equals("REFUSED") ? "the server refuses to resolve this name for this client (it is "
                + "not authoritative for it and does not recurse for us, or an ACL rejects us)"
                : rcode.equals("SERVFAIL") ? "the server tried and failed: the zone's authoritative servers are "
                + "unreachable or broken, or DNSSEC validation failed" : "the server reported an error";
        return Optional.of(new Finding(Cause.DNS, Confidence.HIGH,
                r.server() + " answers " + rcode + " for " + e.qname(),
                DnsWords.answer(r) + ": " + meaning + "." + (failing.size() < e.answering().size()
                        ? " Other resolvers did answer; clients using " + r.server() + " fail." : ""),
                List.of("dig @" + AddressText.of(r.answer().query().server().getAddress()) + " " + e.qname() + " "
                        + e.request().type() + " +trace to see where resolution breaks",
                        "check the resolver's logs and its upstream/forwarder configuration"))
                // Each resolver answering the same error is one signal.
                .withSignals(failing.stream().filter(f -> f.answer().rcode().equals(rcode)).map(DnsWords::answer)
                        .toList()));
    }
}
