package io.netcheck.check;

import io.netcheck.verdict.tls.TlsRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.PacketCapture;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.check.HostPort;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TestPki;
import io.netcheck.probe.TrustAnchors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tls command against loopback TLS servers with certificates made by keytool for the test. */
class TlsCheckTest {
    @TempDir
    static Path dir;
    static SSLContext valid;
    static SSLContext expired;
    static SSLContext soon;

    private final ProbeRunner runner = new ProbeRunner(4, Clock.systemUTC());

    @BeforeAll
    static void certificates() throws Exception {
        valid = TestCertificates.serverContext(dir, "shop.test", "dns:shop.test,ip:127.0.0.1", null, 365);
        expired = TestCertificates.serverContext(dir, "old.test", "dns:old.test", "-30d", 10);
        soon = TestCertificates.serverContext(dir, "soon.test", "dns:soon.test", null, 5);
    }

    @AfterEach
    void close() {
        runner.close();
    }

    private TlsEvidence run(int port, String sni) throws InterruptedException {
        return run(port, sni, new CertificateCheck(TrustAnchors.system(), Clock.systemUTC(), 14));
    }

    private TlsEvidence run(int port, String sni, CertificateCheck certificates) throws InterruptedException {
        TlsCheck check = new TlsCheck(new Targeting((n, d) -> null, runner), runner,
                new CaptureRun(PacketCapture.disabled("off"), new ChecklistSettings(128, Duration.ofMillis(100), dir),
                        Clock.systemUTC()), Clock.systemUTC(), certificates);
        return check.run(new TlsRequest(new HostPort("127.0.0.1", port), sni, 14, Duration.ofSeconds(3), false, null));
    }

    @Test
    void theConfiguredCaBundleMakesAPrivateCaTrusted() throws Exception {
        TestPki pki = new TestPki(dir);
        TestPki.Ca ca = pki.ca("Corp CA");
        var ctx = pki.issued(ca, "shop.test", "dns:shop.test", "2026/01/01 00:00:00", 365, "EC", 256, "SHA256withECDSA");
        Clock june = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        try (var server = new TestCertificates.Server(ctx, null)) {
            TlsEvidence without = run(server.port(), "shop.test", new CertificateCheck(TrustAnchors.system(), june, 14));
            assertEquals(List.of(CertificateFindings.Problem.UNTRUSTED), without.handshake().findings().problems());
            assertEquals("tls-untrusted-chain", TlsRules.TLS.stream().filter(r -> r.evaluate(without).isPresent())
                    .findFirst().orElseThrow().id());
            TlsEvidence with = run(server.port(), "shop.test",
                    new CertificateCheck(TrustAnchors.withBundle(ca.pem()), june, 14));
            assertFalse(with.handshake().rejected(), with.handshake().findings().toString());
            assertEquals("tls-healthy", TlsRules.TLS.stream().filter(r -> r.evaluate(with).isPresent())
                    .findFirst().orElseThrow().id());
        }
    }

    @Test
    void recordsProtocolCipherAndTheChain() throws Exception {
        try (var server = new TestCertificates.Server(valid, null)) {
            TlsEvidence e = run(server.port(), "shop.test");
            var t = e.handshake().tls();
            assertTrue(t.established(), t.error());
            assertTrue(t.protocol().startsWith("TLSv1."));
            assertFalse(t.cipherSuite().isBlank());
            assertEquals("CN=shop.test", t.chain().get(0).subject());
            assertEquals("CN=shop.test", t.chain().get(0).issuer());
            assertTrue(t.chain().get(0).subjectAltNames().contains("DNS:shop.test"));
            assertEquals(Boolean.TRUE, t.nameMatches());
            assertFalse(t.trusted(), "self-signed");
            assertTrue(e.handshake().daysLeft() >= 363, "" + e.handshake().daysLeft());
            assertFalse(e.handshake().expiresSoon());
            assertNull(e.handshake().invalidNow());
        }
    }

    @Test
    void withoutSniAnAddressIsCheckedAgainstIpSans() throws Exception {
        try (var server = new TestCertificates.Server(valid, null)) {
            TlsEvidence e = run(server.port(), null);
            assertNull(e.handshake().tls().sni());
            assertEquals(Boolean.TRUE, e.handshake().tls().nameMatches(), "IP:127.0.0.1 is in the SANs");
        }
    }

    @Test
    void seesAnExpiredCertificateAndOneAboutToExpire() throws Exception {
        try (var old = new TestCertificates.Server(expired, null);
             var close = new TestCertificates.Server(soon, null)) {
            TlsEvidence e = run(old.port(), "old.test");
            assertTrue(e.handshake().tls().established(), "netcheck completes the handshake to inspect the chain");
            assertTrue(e.handshake().daysLeft() < 0);
            assertTrue(e.handshake().invalidNow() != null);
            TlsEvidence s = run(close.port(), "soon.test");
            assertTrue(s.handshake().expiresSoon());
        }
    }

    @Test
    void aPlainTcpServerFailsTheHandshake() throws Exception {
        try (var plain = new TestCertificates.Server(null, "HTTP/1.1 400 Bad Request\r\n\r\n")) {
            TlsEvidence e = run(plain.port(), "shop.test");
            assertTrue(e.attempt().connected());
            assertFalse(e.handshake().tls().established());
        }
    }
}
