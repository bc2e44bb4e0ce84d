package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.probe.CertificateFindings.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate assessment on real handshakes with keytool-made chains from a private CA, judged at a
 * fixed instant: the dates below are absolute, so nothing depends on when the test runs.
 */
class CertificateCheckTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String NAMES = "dns:vip.test,dns:*.apps.test,ip:127.0.0.1";

    @TempDir
    static Path dir;
    static TestPki.Ca ca;
    static SSLContext good;
    static SSLContext expired;
    static SSLContext notYet;
    static SSLContext soon;
    static SSLContext rsa1024;
    static SSLContext sha1;
    static SSLContext self;

    @BeforeAll
    static void certificates() throws Exception {
        TestPki pki = new TestPki(dir);
        ca = pki.ca("Test CA");
        good = pki.issued(ca, "vip.test", NAMES, "2026/01/01 00:00:00", 365, "EC", 256, "SHA256withECDSA");
        expired = pki.issued(ca, "vip.test", NAMES, "2025/01/01 00:00:00", 100, "EC", 256, "SHA256withECDSA");
        notYet = pki.issued(ca, "vip.test", NAMES, "2026/09/01 00:00:00", 365, "EC", 256, "SHA256withECDSA");
        soon = pki.issued(ca, "vip.test", NAMES, "2026/01/01 00:00:00", 160, "EC", 256, "SHA256withECDSA");
        rsa1024 = pki.issued(ca, "vip.test", NAMES, "2026/01/01 00:00:00", 365, "RSA", 1024, "SHA256withECDSA");
        sha1 = pki.issued(ca, "vip.test", NAMES, "2026/01/01 00:00:00", 365, "EC", 256, "SHA1withECDSA");
        self = pki.selfSigned("vip.test", NAMES, "2026/01/01 00:00:00", 365);
    }

    static CertificateCheck check(Instant at, boolean bundle) {
        return new CertificateCheck(bundle ? TrustAnchors.withBundle(ca.pem()) : TrustAnchors.system(),
                Clock.fixed(at, ZoneOffset.UTC), 14);
    }

    static TlsResult handshake(SSLContext server, String sni, CertificateCheck check) throws Exception {
        try (TestPki.Server s = TestPki.Server.tls(server, "HTTP/1.1 204 No Content\r\n\r\n")) {
            ServiceTarget t = new ServiceTarget("t", s.address(), RouteLookup.lookup(s.address().getAddress()),
                    "vip.test", "/", true, sni);
            TlsResult tls = new ServiceProbe(check).probe(t, Deadline.in(Duration.ofSeconds(3))).tls();
            assertTrue(tls.established(), String.valueOf(tls.error()));
            return tls;
        }
    }

    static CertificateFindings judged(SSLContext server, String sni) throws Exception {
        return handshake(server, sni, check(NOW, true)).certificate();
    }

    @Test
    void aCertificateOfTheConfiguredCaIsTrustedAndClean() throws Exception {
        TlsResult tls = handshake(good, "vip.test", check(NOW, true));
        CertificateFindings f = tls.certificate();
        assertEquals(List.of(), f.problems(), f.toString());
        assertTrue(f.trustStore().contains("netcheck.tls.ca-bundle (" + ca.pem() + ", 1 CA)"), f.trustStore());
        assertEquals(NOW, f.checkedAt());
        assertEquals(213, f.daysLeft());
        assertFalse(f.expiresSoon());
        assertEquals(2, tls.chain().size(), "leaf and CA");
        assertEquals("EC", tls.chain().get(0).keyAlgorithm());
        assertEquals(256, tls.chain().get(0).keyBits());
    }

    @Test
    void aPrivateCaIsUntrustedUntilTheBundleNamesIt() throws Exception {
        CertificateFindings without = handshake(good, "vip.test", check(NOW, false)).certificate();
        assertEquals(List.of(Problem.UNTRUSTED), without.problems());
        assertEquals("the chain ends at the root CN=Test CA, which is not in the system trust store",
                without.trustProblem());
        assertEquals(List.of(), judged(good, "vip.test").problems());
    }

    @Test
    void aSelfSignedCertificateIsUntrustedEvenWithABundle() throws Exception {
        CertificateFindings f = judged(self, "vip.test");
        assertEquals(List.of(Problem.UNTRUSTED), f.problems());
        assertTrue(f.trustProblem().startsWith("CN=vip.test is self-signed and not in the system trust store and "
                + "netcheck.tls.ca-bundle"), f.trustProblem());
    }

    @Test
    void anExpiredCertificateIsExpiredNotUntrusted() throws Exception {
        CertificateFindings f = judged(expired, "vip.test");
        assertEquals(List.of(Problem.EXPIRED), f.problems(), "the chain verifies within its dates");
        assertEquals("CN=vip.test", f.expired().subject());
        assertTrue(f.expired().notAfter().isBefore(Instant.parse("2025-04-12T00:00:00Z")), "" + f.expired().notAfter());
        assertTrue(f.daysLeft() < -400, "" + f.daysLeft());
    }

    @Test
    void aCertificateNotValidYet() throws Exception {
        CertificateFindings f = judged(notYet, "vip.test");
        assertEquals(List.of(Problem.NOT_YET_VALID), f.problems());
        assertTrue(f.notYetValid().notBefore().isAfter(NOW));
    }

    @Test
    void theInjectedClockDecidesTheDates() throws Exception {
        assertEquals(List.of(Problem.EXPIRED), handshake(good, "vip.test",
                check(Instant.parse("2027-06-01T00:00:00Z"), true)).certificate().problems());
        assertEquals(List.of(Problem.NOT_YET_VALID), handshake(good, "vip.test",
                check(Instant.parse("2025-06-01T00:00:00Z"), true)).certificate().problems());
    }

    @Test
    void theNameAskedAgainstSubjectAlternativeNames() throws Exception {
        CertificateFindings other = judged(good, "shop.test");
        assertEquals(List.of(Problem.NAME_MISMATCH), other.problems());
        assertEquals("shop.test", other.name());
        assertFalse(other.nameIsAddress());
        assertTrue(judged(good, "a.apps.test").nameMatches(), "one wildcard label");
        assertFalse(judged(good, "b.a.apps.test").nameMatches(), "a wildcard covers exactly one label");
        CertificateFindings address = judged(good, null);
        assertTrue(address.nameIsAddress());
        assertEquals("127.0.0.1", address.name());
        assertTrue(address.nameMatches(), "IP:127.0.0.1 is a SAN");
    }

    @Test
    void aWeakRsaKey() throws Exception {
        TlsResult tls = handshake(rsa1024, "vip.test", check(NOW, true));
        CertificateFindings f = tls.certificate();
        assertEquals(List.of(Problem.WEAK), f.problems());
        assertEquals("RSA", tls.chain().get(0).keyAlgorithm());
        assertEquals(1024, tls.chain().get(0).keyBits());
        assertEquals(0, f.weaknesses().get(0).depth());
        assertEquals("RSA key of 1024 bits (clients require 2048 or more)", f.weaknesses().get(0).problem());
    }

    @Test
    void aSha1SignatureOnTheServerCertificateButNotTheRoots() throws Exception {
        CertificateFindings f = judged(sha1, "vip.test");
        assertEquals(List.of(Problem.WEAK), f.problems());
        assertEquals(1, f.weaknesses().size(), "the CA's own signature is not judged: " + f.weaknesses());
        assertTrue(f.weaknesses().get(0).problem().startsWith("signed with SHA1withECDSA (SHA-1"),
                f.weaknesses().get(0).problem());
    }

    @Test
    void expiringWithinTheWarningWindowIsNotAProblem() throws Exception {
        CertificateFindings f = judged(soon, "vip.test");
        assertEquals(List.of(), f.problems());
        assertTrue(f.expiresSoon());
        assertEquals(8, f.daysLeft());
        assertFalse(handshake(soon, "vip.test", check(NOW, true).withWarnDays(5)).certificate().expiresSoon());
    }

    @Test
    void aBadBundleIsAClearError() throws Exception {
        assertEquals("netcheck.tls.ca-bundle: " + dir.resolve("none.pem") + " does not exist",
                assertThrows(TrustAnchors.Invalid.class, () -> TrustAnchors.withBundle(dir.resolve("none.pem")))
                        .getMessage());
        assertTrue(assertThrows(TrustAnchors.Invalid.class, () -> TrustAnchors.withBundle(dir)).getMessage()
                .endsWith("is a directory, not a PEM file"));
        Path text = Files.writeString(dir.resolve("notes.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        assertTrue(assertThrows(TrustAnchors.Invalid.class, () -> TrustAnchors.withBundle(text)).getMessage()
                .contains("is not a PEM bundle of certificates"));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertTrue(assertThrows(TrustAnchors.Invalid.class, () -> TrustAnchors.withBundle(empty)).getMessage()
                .contains("holds no certificate"));
        Path annotated = Files.writeString(dir.resolve("annotated.pem"), "# our private CA\n" + Files.readString(ca.pem()));
        assertNotNull(TrustAnchors.withBundle(annotated), "text around the PEM blocks is fine");
    }
}
