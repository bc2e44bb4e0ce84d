package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import org.junit.jupiter.api.Test;

class SomeBackendsDownTest {
    private final SomeBackendsDown rule = new SomeBackendsDown();

    @Test
    void oneOfThreeDownIsDegraded() {
        Finding f = fires(rule, of(healthy("203.0.113.10:80", 63), healthy("203.0.113.130:80", 62),
                refused("203.0.113.131:80", 62), healthy("203.0.113.132:80", 62)), Cause.DEGRADED);
        cites(f, "1 of 3 real servers are down", "203.0.113.131:80: RST from 203.0.113.131");
    }

    @Test
    void staysSilentWhenAllAnswer() {
        silent(rule, of(healthy("203.0.113.10:80", 63), healthy("203.0.113.130:80", 62)));
    }
}
