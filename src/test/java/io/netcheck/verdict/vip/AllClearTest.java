package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.RuleTestSupport;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.EndpointEvidence;
import io.netcheck.probe.CertificateInfo;
import java.util.List;

import org.junit.jupiter.api.Test;

class AllClearTest {
    private final AllClear rule = new AllClear();

    @Test
    void vipAndServersAnsweringIsHealthy() {
        Finding f = fires(rule, of(healthy("203.0.113.10:80", 63), healthy("203.0.113.130:80", 62)), Cause.HEALTHY);
        assertEquals(Confidence.HIGH, f.confidence());
    }

    @Test
    void withoutBackendsOnlyMediumConfidence() {
        assertEquals(Confidence.MEDIUM, fires(rule, of(healthy("203.0.113.10:80", 63)), Cause.HEALTHY).confidence());
    }

    @Test
    void aCertificateCloseToExpiryIsANoteNotAFault() {
        CertificateInfo leaf = Evidence.cert("vip.test", "Test CA", "2026-01-01T00:00:00Z", "2026-12-01T00:00:00Z",
                "DNS:vip.test");
        EndpointEvidence vip = Evidence.tlsHealthy("203.0.113.10:443", 63,
                Evidence.judged("203.0.113.10:443", "vip.test", true, true, leaf), leaf);
        Finding f = fires(rule, of(vip, healthy("203.0.113.130:80", 62)), Cause.HEALTHY);
        RuleTestSupport.cites(f, "NOTE: the VIP's certificate (CN=vip.test) expires in 8 days, on 2026-12-01T00:00:00Z, "
                + "within the 14-day warning window");
        assertEquals(List.of("renew the certificate for vip.test before 2026-12-01T00:00:00Z, and check its automatic "
                + "renewal"), f.nextSteps());
        Finding fine = fires(rule, of(Evidence.tlsHealthy("203.0.113.10:443", 63, Evidence.judged("203.0.113.10:443",
                "vip.test", true, true, VipCertificateRejectedTest.GOOD), VipCertificateRejectedTest.GOOD)), Cause.HEALTHY);
        assertFalse(fine.explanation().contains("NOTE"), fine.explanation());
        assertEquals(List.of(), fine.nextSteps());
    }

    @Test
    void certificateNamesNotJudgedAgainstAnAddressAreSaid() {
        CertificateInfo leaf = VipCertificateRejectedTest.GOOD;
        Finding f = fires(rule, of(Evidence.tlsHealthy("203.0.113.10:443", 63, Evidence.judged("203.0.113.10:443", null,
                true, false, leaf), leaf)), Cause.HEALTHY);
        RuleTestSupport.cites(f, "NOTE: the certificate covers DNS:vip.test, not 203.0.113.10");
        assertTrue(f.nextSteps().get(0).contains("--sni NAME"), f.nextSteps().toString());
    }

    @Test
    void staysSilentOnAnyFailure() {
        silent(rule, of(lbPage("203.0.113.10:80", 63, "HAProxy")));
        silent(rule, of(healthy("203.0.113.10:80", 63), refused("203.0.113.130:80", 62)));
    }
}
