package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.icmp;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.capture.IcmpKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

class FirewallRejectsTest {
    private final Rule<VipEvidence> rule = new ConnectFirewallRejects().on(Connection::vip);
    private final String vip = "203.0.113.10:80";

    @Test
    void portUnreachableFromARouterIsARejectRule() {
        Finding f = fires(rule, of(icmp(vip, IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER)), Cause.FIREWALL_REJECT);
        cites(f, "198.51.100.1", "port unreachable");
    }

    @Test
    void adminProhibitedIsARejectRuleWhoeverSendsIt() {
        Finding f = fires(rule, of(icmp(vip, IcmpKind.ADMIN_PROHIBITED, 3, 13, Evidence.ROUTER)), Cause.FIREWALL_REJECT);
        cites(f, "administratively prohibited", "type 3 code 13");
    }

    @Test
    void aRejectFromCloserThanTheVipHostIsHighConfidence() {
        Finding f = fires(rule, of(Evidence.host("203.0.113.10", 63, 63),
                icmp(vip, IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER)), Cause.FIREWALL_REJECT);
        assertEquals(Confidence.HIGH, f.calibrated());
        assertTrue(f.signals().stream().anyMatch(s -> s.contains("is closer than the VIP host")), f.signals().toString());
    }

    @Test
    void aPortUnreachableAloneIsOneSignal() {
        Finding f = fires(rule, of(icmp(vip, IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER)), Cause.FIREWALL_REJECT);
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void staysSilentForOtherIcmpAndForWorkingVips() {
        silent(rule, of(icmp(vip, IcmpKind.HOST_UNREACHABLE, 3, 1, Evidence.ROUTER)));
        silent(rule, of(healthy(vip, Evidence.LB_TTL)));
    }
}
