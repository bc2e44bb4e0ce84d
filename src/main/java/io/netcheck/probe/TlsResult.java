package io.netcheck.probe;

import java.time.Duration;
import java.util.List;

/**
 * A TLS handshake. netcheck completes handshakes even with untrusted certificates (internal CAs are the
 * norm where it runs) and judges the certificate separately, so an expired certificate is evidence rather
 * than a dead end.
 *
 * @param certificate what a verifying client would think of the chain; null when no handshake was made
 */
public record TlsResult(boolean established, String protocol, String cipherSuite, String sni,
                        List<CertificateInfo> chain, CertificateFindings certificate, Duration elapsed, String error) {
    public TlsResult {
        chain = List.copyOf(chain);
    }

    /** Whether the chain leads to a trusted CA (system store or the configured bundle). */
    public boolean trusted() {
        return certificate != null && certificate.trusted();
    }

    public String trustProblem() {
        return certificate == null ? null : certificate.trustProblem();
    }

    /** Whether the leaf covers the SNI name (or the address when none was sent); null without a handshake. */
    public Boolean nameMatches() {
        return certificate == null ? null : certificate.nameMatches();
    }

    /**
     * The server answered the ClientHello with something that is not TLS, typically its plain-HTTP 400: the
     * port speaks clear text. Java says "Unsupported or unrecognized SSL message" (older JDKs "Unrecognized
     * SSL message, plaintext connection?").
     */
    public boolean answeredInClearText() {
        return !established && error != null && (error.contains("Unsupported or unrecognized SSL message")
                || error.contains("plaintext connection"));
    }
}
