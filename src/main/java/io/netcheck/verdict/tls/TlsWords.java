package io.netcheck.verdict.tls;

import io.netcheck.verdict.Describe;
import io.netcheck.capture.WireFacts;
import io.netcheck.check.TlsObservation;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.TlsResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

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
                + ", " + key(c) + ", signed " + c.signatureAlgorithm()
                + (c.subjectAltNames().isEmpty() ? ", no subject alternative names"
                : ", names " + String.join(" ", c.subjectAltNames()));
    }

    /** "RSA 2048-bit key", "EC 256-bit key". */
    public static String key(CertificateInfo c) {
        return c.keyAlgorithm() + (c.keyBits() > 0 ? " " + c.keyBits() + "-bit" : "") + " key";
    }

    /**
     * What the packets show of the handshake, beside what the TLS library reported: the second, independent view of
     * the same exchange. Null without a capture.
     */
    public static String onTheWire(WireFacts w) {
        if (w == null || w.packets() == 0) {
            return null;
        }
        String sent = w.sentBytes() == 0 ? "on the wire: before netcheck sent a byte, "
                : "on the wire: netcheck sent " + w.sentBytes() + " bytes (its ClientHello first), ";
        if (w.resetSeen() && w.resetAfterData()) {
            return sent + "the server reset the connection (RST)"
                    + (w.peerBytes() > 0 ? " after " + w.peerBytes() + " bytes of its own" : "");
        }
        if (w.peerFin() && w.peerBytes() == 0) {
            return sent + "the server closed the connection (FIN) without sending a byte";
        }
        if (w.peerBytes() > 0) {
            return sent + "the server answered with " + w.peerBytes() + " bytes";
        }
        return w.sentBytes() > 0 ? sent + "nothing came back" : null;
    }

    /** The name the leaf was checked against. */
    public static String checkedName(TlsObservation o) {
        if (o.findings() != null) {
            return o.findings().name();
        }
        return o.tls().sni() != null ? o.tls().sni() : o.label().substring(0, o.label().lastIndexOf(':'));
    }

    /** "vip.test (SNI)" or "203.0.113.10 (no SNI: an address)". */
    public static String askedName(CertificateFindings f) {
        return f.name() + (f.nameIsAddress() ? " (no SNI: an address)" : " (SNI)");
    }

    /** The names a certificate covers, as it lists them. */
    public static String names(CertificateInfo c) {
        return c.subjectAltNames().isEmpty() ? "no subject alternative names (only " + c.subject() + ")"
                : String.join(" ", c.subjectAltNames());
    }

    /** An instant as certificates state theirs: to the second. */
    public static Instant seconds(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** One sentence per problem, for explanations: exact dates, names, issuer. */
    public static String problem(CertificateFindings.Problem p, CertificateFindings f, CertificateInfo leaf) {
        return switch (p) {
            case EXPIRED -> (f.expired().equals(leaf) ? "the certificate" : "the chain certificate "
                    + f.expired().subject()) + " expired on " + f.expired().notAfter() + " (valid from "
                    + f.expired().notBefore() + "; checked at " + seconds(f.checkedAt()) + ")";
            case NOT_YET_VALID -> (f.notYetValid().equals(leaf) ? "the certificate" : "the chain certificate "
                    + f.notYetValid().subject()) + " is not valid before " + f.notYetValid().notBefore()
                    + " (checked at " + seconds(f.checkedAt()) + "): it was deployed early, or a clock is off";
            case NAME_MISMATCH -> "it covers " + names(leaf) + ", not " + askedName(f);
            case WEAK -> "weak " + f.weaknesses().stream().map(w -> (w.depth() == 0 ? "" : w.subject() + ": ")
                    + w.problem()).collect(Collectors.joining("; "));
            case UNTRUSTED -> "the chain does not verify: " + f.trustProblem();
        };
    }
}
