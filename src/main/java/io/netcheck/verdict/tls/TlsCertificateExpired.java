package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import io.netcheck.probe.CertificateInfo;
import java.util.List;
import java.util.Optional;

/** A certificate of the chain has expired: every client that checks refuses it. */
public final class TlsCertificateExpired implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-certificate-expired";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established() || o.findings() == null || o.findings().expired() == null) {
            return Optional.empty();
        }
        CertificateInfo c = o.findings().expired();
        boolean leaf = c.equals(o.leaf());
        // One observation (the dates on the certificate) judged against this host's clock: MEDIUM.
        return Optional.of(new Finding(Cause.TLS, Confidence.MEDIUM,
                (leaf ? "the certificate of " : "a certificate in the chain of ") + o.label() + " expired on "
                        + c.notAfter(),
                (leaf ? "The server's certificate" : "The chain certificate " + c.subject()) + " is valid from "
                        + c.notBefore() + " to " + c.notAfter() + "; it was checked at " + TlsWords.seconds(o.at()) + ". Clients that "
                        + "verify certificates (browsers, curl, Java) refuse the connection.",
                List.of("renew and deploy the certificate for " + TlsWords.checkedName(o),
                        "reload the server (or LB) so it serves the new one, then re-run netcheck tls " + o.label()))
                .withSignals(c.subject() + " is valid from " + c.notBefore() + " to " + c.notAfter()
                        + ", checked at " + o.at() + " by this host's clock"));
    }
}
