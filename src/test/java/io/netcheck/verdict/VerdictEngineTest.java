package io.netcheck.verdict;

import io.netcheck.verdict.vip.VipRules;
import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.Evidence.withoutCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.VipEvidence;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerdictEngineTest {
    private final VerdictEngine engine = new VerdictEngine(TeamDirectory.defaults());

    @Test
    void firstProblemOnThePathWins() {
        // A firewall reject in front of the VIP is reported even though the servers are down too.
        Verdict v = engine.decide(of(Evidence.icmp("203.0.113.10:80", IcmpKind.PORT_UNREACHABLE, 3, 3, Evidence.ROUTER),
                refused("203.0.113.130:80", 62)));
        assertEquals(Cause.FIREWALL_REJECT, v.cause());
        assertEquals("firewall", v.team());
        assertEquals("firewall-rejects", v.rule());
    }

    @Test
    void defaultTeamsFollowTheCause() {
        assertEquals("lb", engine.decide(of(refused("203.0.113.10:80", LB_TTL), healthy("203.0.113.130:80", 62))).team());
        assertEquals("none", engine.decide(of(healthy("203.0.113.10:80", LB_TTL))).team());
    }

    @Test
    void teamOwnershipAndSlackGroupsAreConfigurable() {
        VerdictEngine custom = new VerdictEngine(new TeamDirectory(Map.of(Cause.FIREWALL_DROP, "network"),
                Map.of("network", new Team("network", "NetOps", "S0NETOPS"))));
        Verdict v = custom.decide(of(timeout("203.0.113.10:80")));
        assertEquals("network", v.team());
        assertEquals("NetOps", v.teamName());
        assertEquals("S0NETOPS", v.slackGroup());
        assertNull(engine.decide(of(timeout("203.0.113.10:80"))).slackGroup());
    }

    @Test
    void withoutCaptureConfidenceDropsAndTheReportSaysWhy() {
        Verdict v = engine.decide(withoutCapture(refused("203.0.113.10:80", null)));
        assertEquals(Cause.VIP_NOT_LISTENING, v.cause());
        assertEquals(Confidence.LOW, v.confidence());
        assertTrue(v.explanation().contains("No packet capture: no permission to capture"), v.explanation());
    }

    @Test
    void aHealthyVipWithoutCaptureIsLessSureToo() {
        // Who answered the VIP port is read from the packets: without them even all-clear is lowered (the CLI's
        // unprivileged run in VipChecklistIT says LOW). The single probes keep a healthy verdict as it is.
        Verdict v = engine.decide(withoutCapture(healthy("203.0.113.10:80", LB_TTL)));
        assertEquals(Cause.HEALTHY, v.cause());
        assertTrue(v.explanation().contains("No packet capture: no permission to capture"), v.explanation());
    }

    @Test
    void everyRuleHasAUniqueId() {
        Set<String> ids = new HashSet<>();
        List<Rule<VipEvidence>> table = VipRules.TABLE;
        table.forEach(r -> assertTrue(ids.add(r.id()), "duplicate rule id " + r.id()));
        assertEquals(25, ids.size());
    }
}
