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

    /**
     * What the packets show of the handshake, beside what the TLS library reported: the second, independent view of
     * the same exchange. Null without a capture.
     */
    public static String onTheWire(io.netcheck.capture.WireFacts w) {
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
        return o.tls().sni() != null ? o.tls().sni() : o.label().substring(0, o.label().lastIndexOf(':'));
    }
}
