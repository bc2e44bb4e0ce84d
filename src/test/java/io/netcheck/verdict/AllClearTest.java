package io.netcheck.verdict;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void staysSilentOnAnyFailure() {
        silent(rule, of(lbPage("203.0.113.10:80", 63, "HAProxy")));
        silent(rule, of(healthy("203.0.113.10:80", 63), refused("203.0.113.130:80", 62)));
    }
}
