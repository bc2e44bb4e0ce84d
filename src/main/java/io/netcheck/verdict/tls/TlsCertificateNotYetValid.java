package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import io.netcheck.probe.CertificateInfo;
import java.util.List;
import java.util.Optional;

/** A certificate of the chain is not valid yet: deployed before its start date, or a clock is wrong. */
public final class TlsCertificateNotYetValid implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-certificate-not-yet-valid";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established() || o.findings() == null || o.findings().notYetValid() == null) {
            return Optional.empty();
        }
        CertificateInfo c = o.findings().notYetValid();
        boolean leaf = c.equals(o.leaf());
        return Optional.of(new Finding(Cause.TLS, Confidence.HIGH,
                (leaf ? "the certificate of " : "a certificate in the chain of ") + o.label() + " is not valid before "
                        + c.notBefore(),
                (leaf ? "The server's certificate" : "The chain certificate " + c.subject()) + " is valid from "
                        + c.notBefore() + " to " + c.notAfter() + "; it was checked at " + TlsWords.seconds(o.at()) + ". Clients refuse "
                        + "a certificate before its start date. Either it was issued with a future start date, or a "
                        + "clock is off: the CA's when it issued it, or this host's.",
                List.of("compare this host's clock (date -u) with the certificate's start " + c.notBefore(),
                        "if the clocks are right, deploy a certificate that is valid now for "
                                + TlsWords.checkedName(o))));
    }
}
