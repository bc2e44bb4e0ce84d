package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.icmp;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.capture.IcmpKind;
import org.junit.jupiter.api.Test;

class NoEndpointsBehindVipTest {
    private final NoEndpointsBehindVip rule = new NoEndpointsBehindVip();
    private final String vip = "203.0.113.11:80";

    @Test
    void firesWhenTheVipItselfRejectsAndEveryServerIsDown() {
        fires(rule, of(icmp(vip, IcmpKind.PORT_UNREACHABLE, 3, 3, "203.0.113.11"),
                refused("203.0.113.130:80", 62), refused("203.0.113.131:80", 62)), Cause.BACKENDS_DOWN);
    }

    @Test
    void staysSilentWhenARealServerIsUp() {
        silent(rule, of(icmp(vip, IcmpKind.PORT_UNREACHABLE, 3, 3, "203.0.113.11"),
                refused("203.0.113.130:80", 62), healthy("203.0.113.131:80", 62)));
    }

    @Test
    void staysSilentWhenARouterRejects() {
        silent(rule, of(icmp(vip, IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER), refused("203.0.113.130:80", 62)));
    }
}
