package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import io.netcheck.probe.CertificateFindings;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A key or signature of the chain is too weak for current clients (RSA < 2048, EC < 224, DSA, MD5/SHA-1). */
public final class TlsWeakCertificate implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-weak-certificate";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established() || o.findings() == null || o.findings().weaknesses().isEmpty()) {
            return Optional.empty();
        }
        List<CertificateFindings.Weakness> weak = o.findings().weaknesses();
        return Optional.of(new Finding(Cause.TLS, Confidence.HIGH,
                "the certificate chain of " + o.label() + " uses a weak " + (weak.get(0).problem().startsWith("signed")
                        ? "signature" : "key"),
                weak.stream().map(w -> (w.depth() == 0 ? "The server's certificate" : "The chain certificate "
                        + w.subject()) + ": " + w.problem()).collect(Collectors.joining(". ")) + ". Current clients "
                        + "(browsers, OpenSSL at its default security level, Java) refuse such certificates.",
                List.of("reissue the certificate for " + TlsWords.checkedName(o) + " with an RSA 2048+ or ECDSA "
                        + "P-256 key and a SHA-256 signature, and deploy it with its chain")));
    }
}
