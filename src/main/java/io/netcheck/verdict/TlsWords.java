package io.netcheck.verdict;

import io.netcheck.check.TlsObservation;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.TlsResult;

/** The sentences tls verdicts and reports use. */
public final class TlsWords {
    private TlsWords() {
    }

    public static String handshake(TlsResult t) {
        if (!t.established()) {
            return "TLS handshake failed after " + Describe.ms(t.elapsed()) + ": " + t.error();
        }
        return t.protocol() + ", " + t.cipherSuite() + (t.sni() != null ? ", SNI " + t.sni() : ", no SNI sent")
                + " in " + Describe.ms(t.elapsed());
    }

    public static String certificate(CertificateInfo c) {
        return c.subject() + ", issued by " + c.issuer() + ", valid " + c.notBefore() + " to " + c.notAfter()
                + (c.subjectAltNames().isEmpty() ? ", no subject alternative names"
                : ", names " + String.join(" ", c.subjectAltNames()));
    }

    /** The name the leaf was checked against. */
    public static String checkedName(TlsObservation o) {
        return o.tls().sni() != null ? o.tls().sni() : o.label().substring(0, o.label().lastIndexOf(':'));
    }
}
