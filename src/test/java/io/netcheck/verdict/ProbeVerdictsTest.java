package io.netcheck.verdict;

import io.netcheck.verdict.tcp.TcpRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpEvidence;
import io.netcheck.check.TcpRequest;
import io.netcheck.check.CaptureSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ProbeVerdictsTest {
    private final VerdictEngine verdicts = new VerdictEngine(TeamDirectory.defaults());

    public static TcpEvidence tcp(ConnectAttempt a, boolean captured) {
        CaptureSummary capture = captured ? new CaptureSummary(true, null, List.of("eth0"), "tcp", 128, 3, 0, "/tmp/x.pcap")
                : new CaptureSummary(false, "no permission to capture", List.of(), "", 128, 0, 0, null);
        return new TcpEvidence(new TcpRequest(a.target(), Duration.ofSeconds(3), captured, null),
                Instant.parse("2026-11-22T04:00:00Z"), Duration.ofMillis(5), a, capture);
    }

    private Verdict decide(TcpEvidence e) {
        return verdicts.decide(TcpRules.TCP, e, e.capture(), x -> "fallback");
    }

    @Test
    void aConnectedPortIsHealthyAndOwnedByNobody() {
        Verdict v = decide(tcp(Attempts.connected("203.0.113.130:80", 62), true));
        assertEquals(Cause.HEALTHY, v.cause());
        assertEquals("none", v.team());
        assertEquals("tcp-connects", v.rule());
    }

    @Test
    void withoutACaptureTheVerdictSaysSoAndIsLessSure() {
        Verdict v = decide(tcp(Attempts.timeout("203.0.113.10:80"), false));
        assertEquals(Cause.FIREWALL_DROP, v.cause());
        assertEquals("firewall", v.team());
        assertEquals(Confidence.LOW, v.confidence());
        assertTrue(v.explanation().contains("No packet capture: no permission to capture"), v.explanation());
        assertTrue(v.nextSteps().stream().anyMatch(s -> s.contains("CAP_NET_RAW")));
    }

    @Test
    void ownersComeFromTheSameTeamDirectoryAsTheVipChecklist() {
        VerdictEngine custom = new VerdictEngine(new TeamDirectory(Map.of(Cause.BACKENDS_DOWN, "dba"),
                Map.of("dba", new Team("dba", "Database team", "S0DBA"))));
        Verdict v = custom.decide(TcpRules.TCP, tcp(Attempts.refused("203.0.113.130:5432", 62), true), null,
                x -> "fallback");
        assertEquals("dba", v.team());
        assertEquals("S0DBA", v.slackGroup());
    }

    @Test
    void nothingMatchingIsInconclusive() {
        Verdict v = verdicts.decide(List.<Rule<String>>of(), "x", null, x -> "what was seen: " + x);
        assertEquals(Cause.INCONCLUSIVE, v.cause());
        assertEquals("no-rule-matched", v.rule());
        assertEquals("what was seen: x", v.explanation());
    }
}
