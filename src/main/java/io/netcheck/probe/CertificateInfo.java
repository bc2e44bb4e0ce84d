package io.netcheck.probe;

import java.time.Instant;
import java.util.List;

/**
 * One certificate of the chain the server sent, as {@code openssl s_client} would show it.
 *
 * @param keyAlgorithm the public key's algorithm: RSA, EC, DSA, Ed25519, ...
 * @param keyBits      its size in bits (RSA modulus, EC field order, DSA p), 0 when unknown
 */
public record CertificateInfo(String subject, String issuer, List<String> subjectAltNames, Instant notBefore,
                              Instant notAfter, String serial, String signatureAlgorithm, String keyAlgorithm,
                              int keyBits) {
    public CertificateInfo {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** Issued by itself: a root (or a self-signed leaf), whose own signature no client relies on. */
    public boolean selfIssued() {
        return subject.equals(issuer);
    }
}
