package io.netcheck.verdict.tls;

import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TlsObservation;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.tcp.TcpRules;
import java.util.List;
import java.util.stream.Stream;

/**
 * tls: the connect rules, then the handshake and the certificate. The first six ({@link #TLS_FAILS}) are what
 * makes a TLS connection fail for a client that verifies: http uses them too.
 *
 * <pre>
 * rule                    evidence                                             cause
 * (the connect rules, {@link TcpRules#CONNECT})
 * tls-handshake-fails     TCP ok, no TLS session                               TLS
 * tls-certificate-expired a chain certificate past its notAfter               TLS
 * tls-certificate-not-yet-valid a chain certificate before its notBefore       TLS
 * tls-name-mismatch       leaf does not cover the SNI name / address           TLS
 * tls-weak-certificate    RSA < 2048, EC < 224, DSA, MD5/SHA-1 signature       TLS
 * tls-untrusted-chain     chain does not lead to a CA of the system store or   TLS
 *                         netcheck.tls.ca-bundle
 * tls-expires-soon        leaf expires within the warning window (14 days)     TLS
 * tls-healthy             all of the above fine                                HEALTHY
 * </pre>
 */
public final class TlsRules {
    private TlsRules() {
    }

    /** What makes a TLS connection fail for a client that verifies: shared by tls and http. */
    public static final List<Rule<TlsObservation>> TLS_FAILS = List.of(
            new TlsNoHandshake(),
            new TlsCertificateExpired(),
            new TlsCertificateNotYetValid(),
            new TlsNameMismatch(),
            new TlsWeakCertificate(),
            new TlsUntrusted());

    public static final List<Rule<TlsEvidence>> TLS = Stream.of(
            TcpRules.CONNECT.stream().map(r -> r.<TlsEvidence>on(TlsEvidence::failedConnect)),
            TLS_FAILS.stream().map(r -> r.<TlsEvidence>on(TlsEvidence::handshake)),
            Stream.of(new TlsExpiresSoon(), new TlsHealthy()).map(r -> r.<TlsEvidence>on(TlsEvidence::handshake)))
            .flatMap(s -> s).toList();
}
