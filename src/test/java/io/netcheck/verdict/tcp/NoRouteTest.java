package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.icmp;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

class NoRouteTest {
    private final Rule<VipEvidence> rule = new ConnectNoRoute().on(Connection::vip);

    @Test
    void netUnreachableFromARouterIsRouting() {
        Finding f = fires(rule, of(icmp("198.51.100.200:80", IcmpKind.NET_UNREACHABLE, 3, 0, Evidence.ROUTER)),
                Cause.ROUTING);
        cites(f, "router 198.51.100.1");
    }

    @Test
    void ttlExceededIsALoop() {
        Finding f = fires(rule, of(icmp("203.0.113.10:80", IcmpKind.TIME_EXCEEDED, 11, 0, Evidence.ROUTER)),
                Cause.ROUTING);
        cites(f, "routing loop");
    }

    @Test
    void hostUnreachableIsNotRouting() {
        silent(rule, of(icmp("203.0.113.250:80", IcmpKind.HOST_UNREACHABLE, 3, 1, "203.0.113.129")));
    }
}
