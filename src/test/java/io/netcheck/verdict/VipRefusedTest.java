package io.netcheck.verdict;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VipRefusedTest {
    private final VipRefused rule = new VipRefused();
    private final String vip = "203.0.113.10:80";

    @Test
    void rstFromTheLbHostMeansNothingListens() {
        Finding f = fires(rule, of(refused(vip, LB_TTL), healthy("203.0.113.130:80", SERVER_TTL)),
                Cause.VIP_NOT_LISTENING);
        cites(f, "RST from 203.0.113.10 (TTL 63, 1 hop away)", "load balancer host itself refused");
        assertEquals(Confidence.HIGH, f.confidence());
    }

    @Test
    void rstForwardedFromServersThatAreUpOnTheirPortMeansWrongTargetPort() {
        Finding f = fires(rule, of(refused("203.0.113.11:80", SERVER_TTL), healthy("203.0.113.130:80", SERVER_TTL),
                healthy("203.0.113.131:80", SERVER_TTL)), Cause.LB_MISCONFIGURED);
        cites(f, "forwards to a port the real servers do not listen on");
    }

    @Test
    void rstForwardedFromServersThatRefuseToo() {
        fires(rule, of(refused("203.0.113.11:80", SERVER_TTL), refused("203.0.113.130:80", SERVER_TTL),
                refused("203.0.113.131:80", SERVER_TTL)), Cause.BACKENDS_DOWN);
    }

    @Test
    void withoutTtlsAndWithDeadServersBlamesTheServersWithLowerConfidence() {
        Finding f = fires(rule, of(refused(vip, null), refused("203.0.113.130:80", null)), Cause.BACKENDS_DOWN);
        assertEquals(Confidence.MEDIUM, f.confidence());
    }

    @Test
    void withoutBackendsSaysNotListeningAndWhatCannotBeRuledOut() {
        Finding f = fires(rule, of(refused(vip, LB_TTL)), Cause.VIP_NOT_LISTENING);
        cites(f, "No --backends were given");
    }

    @Test
    void staysSilentOnTimeouts() {
        silent(rule, of(timeout(vip)));
    }
}
