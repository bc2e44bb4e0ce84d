package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.host;
import static io.netcheck.verdict.Evidence.noHost;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VipRefusedTest {
    private final VipRefused rule = new VipRefused();
    private final String vip = "203.0.113.10:80";

    /**
     * Nothing listens on the LB host's VIP port, whatever the layout: the LB closer than its servers, as far, or
     * farther. The servers' distance must not matter; the VIP host's own packets decide.
     */
    @ParameterizedTest(name = "LB at TTL {0}, servers at TTL {1}")
    @CsvSource({"63, 62", "63, 63", "62, 62", "62, 63", "61, 62"})
    void rstFromTheVipHostMeansNothingListensOnAnyLayout(int lbTtl, int serverTtl) {
        Finding f = fires(rule, of(host("203.0.113.10", lbTtl, lbTtl), refused(vip, lbTtl),
                healthy("203.0.113.130:80", serverTtl), healthy("203.0.113.131:80", serverTtl)), Cause.VIP_NOT_LISTENING);
        cites(f, "the load balancer host itself refused");
        assertEquals(Confidence.HIGH, f.calibrated());
        assertTrue(f.signals().size() >= 2, f.signals().toString());
    }

    @Test
    void oneHostMeasurementAndServersThatAnswerStillMakeTwoSignals() {
        Finding f = fires(rule, of(host("203.0.113.10", LB_TTL, null), refused(vip, LB_TTL),
                healthy("203.0.113.130:80", LB_TTL)), Cause.VIP_NOT_LISTENING);
        assertEquals(Confidence.HIGH, f.calibrated());
    }

    @Test
    void oneHostMeasurementAloneIsMedium() {
        Finding f = fires(rule, of(host("203.0.113.10", LB_TTL, null), refused(vip, LB_TTL)), Cause.VIP_NOT_LISTENING);
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void rstFromCloserThanTheVipHostIsAForgedReset() {
        // The router (1 hop) resets in the name of a VIP host 2 hops away that answers its echo and other port.
        Finding f = fires(rule, of(host("203.0.113.10", 62, 62), refused(vip, 63), healthy("203.0.113.130:80", 62)),
                Cause.FIREWALL_REJECT);
        cites(f, "came from closer than the VIP host's own echo reply");
        assertEquals(Confidence.HIGH, f.calibrated());
    }

    @Test
    void aForgedResetWithOnlyTheEchoToCompareIsMedium() {
        Finding f = fires(rule, of(host("203.0.113.10", 62, null), refused(vip, 63)), Cause.FIREWALL_REJECT);
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void rstFromBeyondTheVipHostToServersThatAreUpMeansWrongTargetPort() {
        Finding f = fires(rule, of(noHost("198.51.100.10", LB_TTL), refused("203.0.113.11:80", SERVER_TTL),
                healthy("203.0.113.130:80", SERVER_TTL), healthy("203.0.113.131:80", SERVER_TTL)), Cause.LB_MISCONFIGURED);
        cites(f, "forwards to a port the real servers do not listen on");
        assertEquals(Confidence.HIGH, f.calibrated());
    }

    @Test
    void rstFromBeyondTheVipHostWhenTheServersRefuseToo() {
        // Equal distance with masquerade: the NATed RST comes from farther than the servers probed directly.
        Finding f = fires(rule, of(host("203.0.113.11", 63, 63), refused("203.0.113.11:80", 61),
                refused("203.0.113.130:80", 63), refused("203.0.113.131:80", 63)), Cause.BACKENDS_DOWN);
        assertEquals(Confidence.HIGH, f.calibrated());
    }

    @Test
    void withoutTheVipHostDeadServersAreBlamedWithMediumConfidence() {
        Finding f = fires(rule, of(refused(vip, null), refused("203.0.113.130:80", null)), Cause.BACKENDS_DOWN);
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void withoutTheVipHostTheTeamIsTheLoadBalancersAtMedium() {
        Finding f = fires(rule, of(refused(vip, 63), healthy("203.0.113.130:80", 63)), Cause.VIP_NOT_LISTENING);
        assertEquals(Confidence.MEDIUM, f.calibrated());
        cites(f, "Either nothing listens on the VIP, or it forwards to a port");
    }

    @Test
    void hostAnswersThatDisagreeGiveNoHighVerdict() {
        Finding f = fires(rule, of(host("203.0.113.10", 63, 61), refused(vip, 63), healthy("203.0.113.130:80", 62)),
                Cause.VIP_NOT_LISTENING);
        assertEquals(Confidence.MEDIUM, f.calibrated());
        cites(f, "disagree");
    }

    @Test
    void withoutBackendsSaysNotListening() {
        Finding f = fires(rule, of(host("203.0.113.10", LB_TTL, LB_TTL), refused(vip, LB_TTL)), Cause.VIP_NOT_LISTENING);
        assertEquals(Confidence.HIGH, f.calibrated());
    }

    @Test
    void staysSilentOnTimeouts() {
        silent(rule, of(timeout(vip)));
    }
}
