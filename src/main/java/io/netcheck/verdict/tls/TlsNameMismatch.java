package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import java.util.List;
import java.util.Optional;

/** The certificate does not cover the name the client asked for. */
public final class TlsNameMismatch implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-name-mismatch";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established() || o.findings() == null || o.findings().nameMatches() || o.leaf() == null) {
            return Optional.empty();
        }
        String name = TlsWords.checkedName(o);
        // One observation (the names on the certificate presented): MEDIUM.
        return Optional.of(new Finding(Cause.TLS, Confidence.MEDIUM,
                "the certificate of " + o.label() + " does not cover " + name,
                "Asked for " + TlsWords.askedName(o.findings()) + ", the server "
                        + "presented " + TlsWords.certificate(o.leaf()) + ". Clients refuse a certificate that does not "
                        + "name the host they asked for: the server has no certificate for this name, or serves its "
                        + "default certificate because the SNI name is not configured.",
                List.of("add " + name + " to the certificate's subject alternative names, or configure the "
                        + "certificate for that name (SNI) on the server/LB", "check clients use the name the certificate "
                        + "was issued for"))
                .withSignals("asked for " + name + ", the certificate presented names "
                        + (o.leaf().subjectAltNames().isEmpty() ? "only " + o.leaf().subject()
                        : String.join(" ", o.leaf().subjectAltNames()))));
    }
}
