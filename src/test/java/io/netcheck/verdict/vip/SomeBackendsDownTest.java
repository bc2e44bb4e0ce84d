package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void aServerThatIsOnlySilentFromHereIsMediumNotTheServerTeamsForSure() {
        Finding f = fires(rule, of(healthy("203.0.113.10:80", 63), healthy("203.0.113.130:80", 62),
                timeout("203.0.113.131:80")), Cause.DEGRADED);
        assertEquals(Confidence.MEDIUM, f.calibrated());
        cites(f, "probed from netcheck's position, not the load balancer's");
        Finding refusing = fires(rule, of(healthy("203.0.113.10:80", 63), refused("203.0.113.131:80", 62)),
                Cause.DEGRADED);
        assertEquals(Confidence.HIGH, refusing.calibrated(), "a server's own RST is down from anywhere");
    }

    @Test
    void staysSilentWhenAllAnswer() {
        silent(rule, of(healthy("203.0.113.10:80", 63), healthy("203.0.113.130:80", 62)));
    }
}
