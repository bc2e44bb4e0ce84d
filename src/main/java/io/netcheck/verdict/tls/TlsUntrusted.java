package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.check.TlsObservation;
import java.util.List;
import java.util.Optional;

/** The chain does not verify against netcheck's trust store (self-signed, private CA, missing intermediate). */
public final class TlsUntrusted implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-untrusted-chain";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established() || o.findings() == null || o.findings().trusted()) {
            return Optional.empty();
        }
        boolean selfSigned = o.tls().chain().size() == 1 && o.leaf().subject().equals(o.leaf().issuer());
        return Optional.of(new Finding(Cause.TLS, Confidence.MEDIUM,
                "the certificate chain of " + o.label() + " is not trusted",
                "The chain (" + o.tls().chain().size() + " certificate" + (o.tls().chain().size() == 1 ? "" : "s")
                        + ", leaf issued by " + o.leaf().issuer() + ") does not verify against "
                        + o.findings().trustStore() + ": " + o.tls().trustProblem() + "."
                        + (selfSigned ? " The certificate is self-signed." : " If the issuer is a public CA, the server "
                        + "probably does not send the intermediate certificate.")
                        + " Clients with the same trust store refuse it; an internal CA is fine only if every client "
                        + "trusts it.",
                List.of("send the full chain (leaf + intermediates) from the server/LB",
                        "or add the issuing CA to the clients' trust stores if it is a private CA (and to netcheck's: "
                                + TrustAnchors.SETTING + "=<PEM file>)"))
                .withSignals("the chain does not verify against netcheck's trust store: " + o.tls().trustProblem()));
    }
}
