package io.netcheck.verdict.dns;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.probe.Addresses;
import java.net.InetAddress;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.ResolverResult;
import java.util.List;
import java.util.Optional;

/** {@code --expect ADDR}: the name resolves, but not to the address it should. */
public final class DnsUnexpectedAnswer implements Rule<DnsEvidence> {
    @Override
    public String id() {
        return "dns-unexpected-answer";
    }

    @Override
    public Optional<Finding> evaluate(DnsEvidence e) {
        if (e.request().expect() == null) {
            return Optional.empty();
        }
        String expected = AddressText.of(e.request().expect());
        for (ResolverResult r : e.answering()) {
            if (!has(r, e.request().expect())) {
                return Optional.of(new Finding(Cause.DNS, Confidence.HIGH,
                        e.qname() + " resolves to " + DnsWords.data(r.answer()) + ", not " + expected,
                        DnsWords.answer(r) + ". Expected " + expected + ": clients are sent somewhere else (an old "
                                + "address, another environment's record, or a hijacking resolver).",
                        List.of("fix the record, or find why " + r.server() + " answers differently",
                                "compare with the authoritative servers: dns " + e.request().name() + " NS"))
                        .withSignals(e.answering().stream().filter(x -> !has(x, e.request().expect()))
                                .map(DnsWords::answer).toList()));
            }
        }
        return Optional.empty();
    }

    /** Every resolver that misses the expected address is one signal. */
    private static boolean has(ResolverResult r, InetAddress expected) {
        return r.answer().ofAskedType().stream().anyMatch(rec -> sameAddress(rec.data(), expected));
    }

    private static boolean sameAddress(String data, InetAddress expected) {
        try {
            return Addresses.literal(data) != null
                    && Addresses.literal(data).equals(expected);
        } catch (RuntimeException ex) {
            return false;
        }
    }
}
