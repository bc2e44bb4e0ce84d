package io.netcheck.probe;

import java.time.Duration;
import java.util.List;

/**
 * A TLS handshake. netcheck completes handshakes even with untrusted certificates (internal CAs are the
 * norm where it runs) and reports trust and name checks separately, so an expired certificate is
 * evidence rather than a dead end.
 *
 * @param trusted     whether the chain verifies against the JVM's trust store
 * @param nameMatches whether the leaf certificate covers the SNI/host name (null when there was no name)
 */
public record TlsResult(boolean established, String protocol, String cipherSuite, String sni,
                        List<CertificateInfo> chain, boolean trusted, String trustProblem, Boolean nameMatches,
                        Duration elapsed, String error) {
    public TlsResult {
        chain = List.copyOf(chain);
    }
}
