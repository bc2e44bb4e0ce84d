package io.netcheck.verdict.vip;

import io.netcheck.verdict.VerdictEngine;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.ROUTER;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.blackHole1280;
import static io.netcheck.verdict.Evidence.bodyStalled;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.ip;
import static io.netcheck.verdict.Evidence.mtu;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.pathMtu;
import static io.netcheck.verdict.Evidence.silentAfterAccept;
import static io.netcheck.verdict.Evidence.withPathMtu;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.PathMtu;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.raw.MtuAttempt;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathMtuBlackHoleTest {
    private final PathMtuBlackHole rule = new PathMtuBlackHole();
    private final VerdictEngine engine = new VerdictEngine(new TeamDirectory(Map.of(), Map.of()));
    private static final String VIP = "203.0.113.10:80";
    private static final String B1 = "203.0.113.130:80";

    /** The VIP's body and a real server's answer both stall, as behind the lab's mtu-blackhole. */
    private static VipEvidence stalls() {
        return of(bodyStalled(VIP, LB_TTL, 0, 102400), silentAfterAccept(B1, SERVER_TTL));
    }

    @Test
    void largePacketsLostSilentlyWhileSmallOnesPassIsARoutingFaultNamingBothSizes() {
        VipEvidence e = withPathMtu(stalls(), pathMtu("203.0.113.10", blackHole1280("203.0.113.10"), VIP),
                pathMtu("203.0.113.130", blackHole1280("203.0.113.130"), B1));
        Finding f = fires(rule, e, Cause.ROUTING);
        assertEquals(Confidence.HIGH, f.confidence());
        cites(f, "1280-byte packets pass", "1281-byte packets are lost", "203.0.113.10", "then the body stalled",
                "not at fault", "path MTU towards 203.0.113.130 measured: a black hole too");
        assertTrue(f.nextSteps().stream().anyMatch(s -> s.contains("fragmentation needed")), f.nextSteps().toString());
        assertTrue(f.nextSteps().stream().anyMatch(s -> s.contains("1240")), "MSS = 1280 - 40: " + f.nextSteps());
    }

    @Test
    void itComesBeforeTheRulesThatWouldBlameTheLbOrTheServers() {
        VipEvidence e = withPathMtu(of(bodyStalled(VIP, LB_TTL, 0, 102400), healthy(B1, SERVER_TTL)),
                pathMtu("203.0.113.10", blackHole1280("203.0.113.10"), VIP));
        Verdict v = engine.decide(e);
        assertEquals("path-mtu-black-hole", v.rule(), v.explanation());
        assertEquals(Cause.ROUTING, v.cause());
        assertEquals("network", v.team());
        // Without the follow-up's black hole the same stall is the load balancer's (it passes less than the
        // servers send).
        Verdict without = engine.decide(of(bodyStalled(VIP, LB_TTL, 0, 102400), healthy(B1, SERVER_TTL)));
        assertEquals("vip-fails-behind-lb", without.rule());
        assertEquals(Cause.LB_MISCONFIGURED, without.cause());
    }

    @Test
    void aProperFragmentationNeededIsNotABlackHole() {
        var shrink = mtu("203.0.113.10", MtuAttempt.fragNeeded(1500, 1400, ip(ROUTER)),
                MtuAttempt.answered(576, Duration.ofMillis(1), ip("203.0.113.10")),
                MtuAttempt.answered(1400, Duration.ofMillis(1), ip("203.0.113.10")));
        silent(rule, withPathMtu(stalls(), pathMtu("203.0.113.10", shrink, VIP)));
        assertEquals(1400, shrink.pathMtu());
    }

    @Test
    void fullSizePacketsPassingOrNoMeasurementIsSilent() {
        var full = mtu("203.0.113.10", MtuAttempt.answered(1500, Duration.ofMillis(1), ip("203.0.113.10")),
                MtuAttempt.answered(576, Duration.ofMillis(1), ip("203.0.113.10")));
        silent(rule, withPathMtu(stalls(), pathMtu("203.0.113.10", full, VIP)));
        silent(rule, withPathMtu(stalls(), PathMtu.notMeasured(ip("203.0.113.10"), java.util.List.of(VIP),
                "no permission to send raw packets")));
        silent(rule, stalls());
    }

    @Test
    void whenTheFollowUpFoundNoBlackHoleTheLbVerdictSaysSo() {
        var full = mtu("203.0.113.10", MtuAttempt.answered(1500, Duration.ofMillis(1), ip("203.0.113.10")),
                MtuAttempt.answered(576, Duration.ofMillis(1), ip("203.0.113.10")));
        Verdict v = engine.decide(withPathMtu(of(bodyStalled(VIP, LB_TTL, 0, 102400), healthy(B1, SERVER_TTL)),
                pathMtu("203.0.113.10", full, VIP)));
        assertEquals(Cause.LB_MISCONFIGURED, v.cause());
        assertTrue(v.explanation().contains("path MTU towards 203.0.113.10 measured: 1500-byte packets pass"),
                v.explanation());
    }
}
