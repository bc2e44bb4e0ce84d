package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

class SilentDropTest {
    private final Rule<VipEvidence> rule = new ConnectSilentDrop().on(Connection::vip);

    @Test
    void synsIntoSilenceAreAFirewallDrop() {
        Finding f = fires(rule, of(timeout("203.0.113.10:80")), Cause.FIREWALL_DROP);
        cites(f, "4 SYNs sent, nothing came back", "no SYN-ACK, no RST, no ICMP error");
        assertEquals(Confidence.MEDIUM, f.confidence());
    }

    @Test
    void saysTheDropIsSpecificWhenTheServersAnswer() {
        Finding f = fires(rule, of(timeout("203.0.113.10:80"), healthy("203.0.113.130:80", 62)), Cause.FIREWALL_DROP);
        cites(f, "specific to the VIP");
    }

    @Test
    void aVipHostThatAnswersElsewhereMakesThePortFilterClearButNeverHigh() {
        Finding f = fires(rule, of(Evidence.host("203.0.113.10", 63, 63), timeout("203.0.113.10:80"),
                healthy("203.0.113.130:80", 62)), Cause.FIREWALL_DROP);
        cites(f, "only the VIP port is filtered", "look the same");
        assertEquals(Confidence.MEDIUM, f.calibrated());
        assertEquals(3, f.signals().size(), f.signals().toString());
    }

    @Test
    void staysSilentOnRefusal() {
        silent(rule, of(refused("203.0.113.10:80", 63)));
    }
}
