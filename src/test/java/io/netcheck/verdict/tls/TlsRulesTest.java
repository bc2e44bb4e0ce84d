package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Attempts;
import io.netcheck.verdict.Rules;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.capture.WireFacts;
import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TlsObservation;
import io.netcheck.check.TlsRequest;
import io.netcheck.check.CaptureSummary;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.TlsResult;
import io.netcheck.probe.TrustAnchors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

public class TlsRulesTest {
    public static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    public static final String LABEL = "shop.test:443";

    static CertificateInfo cert(String cn, String issuer, Instant from, Instant to, String... sans) {
        return new CertificateInfo("CN=" + cn, "CN=" + issuer, List.of(sans), from, to, "1", "SHA256withECDSA", "EC",
                256);
    }

    static final CertificateCheck CHECK = new CertificateCheck(TrustAnchors.system(), Clock.fixed(NOW, ZoneOffset.UTC),
            14);

    public static TlsObservation seen(boolean trusted, boolean nameMatches, CertificateInfo... chain) {
        CertificateFindings f = CHECK.judge(NOW, List.of(chain), "shop.test", false, nameMatches,
                trusted ? null : "PKIX path building failed");
        return new TlsObservation(LABEL, new TlsResult(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", "shop.test",
                List.of(chain), f, Duration.ofMillis(4), null));
    }

    public static final CertificateInfo GOOD = cert("shop.test", "Test CA", NOW.minus(Duration.ofDays(10)),
            NOW.plus(Duration.ofDays(80)), "DNS:shop.test");
    public static final CertificateInfo CA = cert("Test CA", "Test CA", NOW.minus(Duration.ofDays(1000)),
            NOW.plus(Duration.ofDays(1000)));

    /** The packets of a connection that sent {@code sent} bytes and got {@code got} back, then a FIN if asked. */
    static WireFacts wire(long sent, long got, boolean fin) {
        return new WireFacts(8, 1, true, 63, 65160, 1460, false, null, null, false, fin, got, sent, null);
    }

    @Test
    void aFailedHandshakeIsTls() {
        TlsResult plain = new TlsResult(false, null, null, "shop.test", List.of(), null, Duration.ofMillis(3),
                "Unsupported or unrecognized SSL message");
        TlsObservation o = new TlsObservation(LABEL, plain);
        Finding f = fires(new TlsNoHandshake(), o, Cause.TLS);
        cites(f, "no TLS handshake with shop.test:443", "does not speak TLS");
        rests(f, Confidence.MEDIUM, 1, "the TLS library: Unsupported or unrecognized SSL message");
        // The capture's view of the same exchange is the second signal.
        Finding seenOnWire = fires(new TlsNoHandshake(), new TlsObservation(LABEL, plain, wire(517, 120, false)),
                Cause.TLS);
        rests(seenOnWire, Confidence.HIGH, 2, "on the wire: netcheck sent 517 bytes (its ClientHello first), the "
                + "server answered with 120 bytes");
        Finding closed = fires(new TlsNoHandshake(), new TlsObservation(LABEL, plain, wire(517, 0, true)),
                Cause.TLS);
        rests(closed, Confidence.HIGH, 2, "the server closed the connection (FIN) without sending a byte");
        silent(new TlsNoHandshake(), seen(true, true, GOOD, CA));
    }

    @Test
    void aHealthyHandshakeRestsOnTheTlsLibraryAndTheWire() {
        Finding f = fires(new TlsHealthy(), seen(true, true, GOOD, CA), Cause.HEALTHY);
        rests(f, Confidence.MEDIUM, 1, "the TLS library: TLSv1.3, TLS_AES_128_GCM_SHA256, SNI shop.test");
        TlsObservation captured = new TlsObservation(LABEL, seen(true, true, GOOD, CA).tls(),
                wire(600, 2400, false));
        rests(fires(new TlsHealthy(), captured, Cause.HEALTHY), Confidence.HIGH, 2, "the server answered with 2400 bytes");
    }

    @Test
    void anExpiredLeafOrChainCertificate() {
        CertificateInfo old = cert("shop.test", "Test CA", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(2)),
                "DNS:shop.test");
        Finding f = fires(new TlsCertificateExpired(), seen(true, true, old, CA), Cause.TLS);
        cites(f, "the certificate of shop.test:443 expired on");
        rests(f, Confidence.MEDIUM, 1, "CN=shop.test is valid from", "by this host's clock");
        CertificateInfo oldCa = cert("Test CA", "Root", NOW.minus(Duration.ofDays(4000)), NOW.minus(Duration.ofDays(1)));
        cites(fires(new TlsCertificateExpired(), seen(true, true, GOOD, oldCa), Cause.TLS),
                "a certificate in the chain of shop.test:443");
        silent(new TlsCertificateExpired(), seen(true, true, GOOD, CA));
    }

    @Test
    void aCertificateNotValidYet() {
        CertificateInfo early = cert("shop.test", "Test CA", NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(400)),
                "DNS:shop.test");
        Finding f = fires(new TlsCertificateNotYetValid(), seen(true, true, early, CA), Cause.TLS);
        cites(f, "the certificate of shop.test:443 is not valid before " + NOW.plus(Duration.ofDays(3)), "a clock is off");
        silent(new TlsCertificateExpired(), seen(true, true, early, CA));
        silent(new TlsCertificateNotYetValid(), seen(true, true, GOOD, CA));
    }

    @Test
    void aWeakKeyOrSignature() {
        CertificateInfo weak = new CertificateInfo("CN=shop.test", "CN=Test CA", List.of("DNS:shop.test"),
                GOOD.notBefore(), GOOD.notAfter(), "2", "SHA1withRSA", "RSA", 1024);
        Finding f = fires(new TlsWeakCertificate(), seen(true, true, weak, CA), Cause.TLS);
        cites(f, "uses a weak key", "RSA key of 1024 bits (clients require 2048 or more)", "signed with SHA1withRSA");
        silent(new TlsWeakCertificate(), seen(true, true, GOOD, CA));
    }

    @Test
    void aCertificateForAnotherName() {
        Finding f = fires(new TlsNameMismatch(), seen(true, false, GOOD, CA), Cause.TLS);
        cites(f, "does not cover shop.test", "names DNS:shop.test");
        rests(f, Confidence.MEDIUM, 1, "asked for shop.test, the certificate presented names DNS:shop.test");
        silent(new TlsNameMismatch(), seen(true, true, GOOD, CA));
    }

    @Test
    void anUntrustedSelfSignedChain() {
        CertificateInfo self = cert("shop.test", "shop.test", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)));
        Finding f = fires(new TlsUntrusted(), seen(false, true, self), Cause.TLS);
        cites(f, "not trusted", "self-signed", "PKIX path building failed");
        assertEquals(Confidence.MEDIUM, f.confidence());
        rests(f, Confidence.MEDIUM, 1, "PKIX path building failed");
        silent(new TlsUntrusted(), seen(true, true, GOOD, CA));
    }

    @Test
    void expiringWithinTheWindow() {
        CertificateInfo soon = cert("shop.test", "Test CA", NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(5)),
                "DNS:shop.test");
        Finding f = fires(new TlsExpiresSoon(), seen(true, true, soon, CA), Cause.TLS);
        cites(f, "expires in 5 days", "14-day warning window");
        rests(f, Confidence.MEDIUM, 1, "the certificate expires on");
        silent(new TlsExpiresSoon(), seen(true, true, GOOD, CA));
    }

    @Test
    void theTlsTableRunsConnectRulesFirst() {
        CaptureSummary capture = new CaptureSummary(true, null, List.of("eth0"), "", 128, 2, 0, null);
        TlsRequest req = new TlsRequest(Evidence.hp(LABEL), null, 14, Duration.ofSeconds(3), true, null);
        TlsEvidence refused = new TlsEvidence(req, NOW, Duration.ZERO, Attempts.refused("203.0.113.10:443", 63), null,
                capture);
        assertEquals("nothing-listens", Rules.decidingRule(TlsRules.TLS, refused));
        TlsEvidence ok = new TlsEvidence(req, NOW, Duration.ZERO, Attempts.connected("203.0.113.10:443", 63),
                seen(true, true, GOOD, CA), capture);
        assertEquals("tls-healthy", Rules.decidingRule(TlsRules.TLS, ok));
        TlsEvidence bad = new TlsEvidence(req, NOW, Duration.ZERO, Attempts.connected("203.0.113.10:443", 63),
                seen(false, false, GOOD), capture);
        assertEquals("tls-name-mismatch", Rules.decidingRule(TlsRules.TLS, bad), "a wrong name matters before trust");
        CertificateInfo weak = new CertificateInfo("CN=shop.test", "CN=Test CA", List.of("DNS:shop.test"),
                GOOD.notBefore(), GOOD.notAfter(), "2", "SHA256withRSA", "RSA", 1024);
        TlsEvidence weakAndUntrusted = new TlsEvidence(req, NOW, Duration.ZERO, Attempts.connected("203.0.113.10:443",
                63), seen(false, true, weak), capture);
        assertEquals("tls-weak-certificate", Rules.decidingRule(TlsRules.TLS, weakAndUntrusted));
        assertEquals("WEAK", io.netcheck.report.TlsReport.handshakeStep(weakAndUntrusted.handshake()).outcome());
    }
}
