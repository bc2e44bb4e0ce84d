package io.netcheck.verdict.vip;

import io.netcheck.verdict.VerdictEngine;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.cert;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.judged;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.plainBehindTls;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.tlsFailed;
import static io.netcheck.verdict.Evidence.tlsHealthy;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.VipEvidence;
import io.netcheck.probe.CertificateInfo;
import org.junit.jupiter.api.Test;

/** The evidence is judged at 2026-11-22T04:00:00Z. */
public class VipCertificateRejectedTest {
    private final VipCertificateRejected rule = new VipCertificateRejected();
    static final String VIP = "203.0.113.10:443";
    static final CertificateInfo CA = cert("Test CA", "Test CA", "2020-01-01T00:00:00Z", "2040-01-01T00:00:00Z");
    public static final CertificateInfo GOOD = cert("vip.test", "Test CA", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z",
            "DNS:vip.test");

    static VipEvidence vip(String sni, boolean trusted, boolean nameMatches, CertificateInfo leaf) {
        return of(tlsHealthy(VIP, LB_TTL, judged(VIP, sni, trusted, nameMatches, leaf, CA), leaf, CA),
                plainBehindTls("203.0.113.130:80", SERVER_TTL), plainBehindTls("203.0.113.131:80", SERVER_TTL));
    }

    @Test
    void anExpiredCertificateNamesItsDates() {
        CertificateInfo old = cert("vip.test", "Test CA", "2025-01-01T00:00:00Z", "2025-11-01T00:00:00Z", "DNS:vip.test");
        Finding f = fires(rule, vip("vip.test", true, true, old), Cause.TLS);
        assertEquals(Confidence.HIGH, f.calibrated(), "the certificate, and plain-HTTP servers behind it: " + f.signals());
        cites(f, "the certificate of 203.0.113.10:443 expired on 2025-11-01T00:00:00Z",
                "valid from 2025-01-01T00:00:00Z; checked at 2026-11-22T04:00:00Z", "2 of 2 real servers answer");
        assertTrue(f.nextSteps().get(0).startsWith("renew the certificate for vip.test"), f.nextSteps().toString());
    }

    @Test
    void withoutKnowingWhoServesTheCertificateItIsMedium() {
        CertificateInfo old = cert("vip.test", "Test CA", "2025-01-01T00:00:00Z", "2025-11-01T00:00:00Z", "DNS:vip.test");
        Finding f = fires(rule, of(tlsHealthy(VIP, LB_TTL, judged(VIP, "vip.test", true, true, old, CA), old, CA)),
                Cause.TLS);
        assertEquals(Confidence.MEDIUM, f.calibrated(), f.signals().toString());
    }

    @Test
    void aCertificateNotValidYet() {
        CertificateInfo early = cert("vip.test", "Test CA", "2026-12-01T00:00:00Z", "2027-12-01T00:00:00Z",
                "DNS:vip.test");
        cites(fires(rule, vip("vip.test", true, true, early), Cause.TLS), "is not valid before 2026-12-01T00:00:00Z",
                "a clock is off");
    }

    @Test
    void aCertificateForAnotherNameSaysWhichNamesItCovers() {
        Finding f = fires(rule, vip("shop.test", true, false, GOOD), Cause.TLS);
        cites(f, "does not cover shop.test", "it covers DNS:vip.test, not shop.test (SNI)");
        assertTrue(f.nextSteps().get(0).contains("bind the certificate for shop.test to this VIP"), f.nextSteps().toString());
    }

    @Test
    void anUntrustedChainNamesTheIssuerAndTheBundleSetting() {
        Finding f = fires(rule, vip("vip.test", false, true, GOOD), Cause.TLS);
        assertEquals(Confidence.MEDIUM, f.confidence(), "a private CA netcheck was not told about is likely");
        cites(f, "is not trusted", "CN=Test CA, the issuer of CN=vip.test, is not in the system trust store");
        assertTrue(f.nextSteps().stream().anyMatch(s -> s.contains("netcheck.tls.ca-bundle")), f.nextSteps().toString());
    }

    @Test
    void aWeakKey() {
        CertificateInfo weak = new CertificateInfo("CN=vip.test", "CN=Test CA", java.util.List.of("DNS:vip.test"),
                GOOD.notBefore(), GOOD.notAfter(), "2", "SHA256withRSA", "RSA", 1024);
        Finding f = fires(rule, vip("vip.test", true, true, weak), Cause.TLS);
        cites(f, "uses a weak key or signature", "RSA key of 1024 bits (clients require 2048 or more)");
    }

    @Test
    void everyProblemIsNamedWorstFirst() {
        CertificateInfo old = cert("vip.test", "Test CA", "2025-01-01T00:00:00Z", "2025-11-01T00:00:00Z", "DNS:vip.test");
        Finding f = fires(rule, vip("shop.test", false, false, old), Cause.TLS);
        assertEquals(Confidence.HIGH, f.confidence());
        assertTrue(f.summary().contains("expired"), f.summary());
        cites(f, "expired on 2025-11-01", "not shop.test (SNI)", "does not verify");
    }

    @Test
    void staysSilentOnAGoodCertificateAFailedHandshakeOrPlainHttp() {
        silent(rule, vip("vip.test", true, true, GOOD));
        silent(rule, of(tlsFailed(VIP, LB_TTL)));
        silent(rule, of(healthy("203.0.113.10:80", LB_TTL)));
    }

    @Test
    void anAddressIsNotAName() {
        // No SNI: clients use a name netcheck was not told; a certificate without IP SANs is no fault then.
        silent(rule, vip(null, true, false, GOOD));
    }

    @Test
    void itWinsOverServersThatAreDown() {
        CertificateInfo old = cert("vip.test", "Test CA", "2025-01-01T00:00:00Z", "2025-11-01T00:00:00Z", "DNS:vip.test");
        VipEvidence e = of(tlsHealthy(VIP, LB_TTL, judged(VIP, "vip.test", true, true, old, CA), old, CA),
                refused("203.0.113.130:443", SERVER_TTL), tlsFailed("203.0.113.131:443", SERVER_TTL));
        Verdict v = new VerdictEngine(TeamDirectory.defaults()).decide(e);
        assertEquals(Cause.TLS, v.cause(), v.explanation());
        assertEquals("lb", v.team());
        assertEquals("tls-certificate-rejected", v.rule());
    }
}
