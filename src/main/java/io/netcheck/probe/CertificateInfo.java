package io.netcheck.probe;

import java.time.Instant;
import java.util.List;

/** One certificate of the chain the server sent, as {@code openssl s_client} would show it. */
public record CertificateInfo(String subject, String issuer, List<String> subjectAltNames, Instant notBefore,
                              Instant notAfter, String serial, String signatureAlgorithm) {
    public CertificateInfo {
        subjectAltNames = List.copyOf(subjectAltNames);
    }
}
