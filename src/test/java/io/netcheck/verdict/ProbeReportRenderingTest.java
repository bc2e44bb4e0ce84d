package io.netcheck.verdict;

import io.netcheck.verdict.mtu.MtuRulesTest;

import io.netcheck.verdict.mtu.MtuRules;
import io.netcheck.verdict.ping.PingRules;
import io.netcheck.verdict.tcp.TcpRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.check.CaptureRun;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.PingRequest;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.raw.EchoReply;
import io.netcheck.probe.raw.PingResult;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.PingReport;
import io.netcheck.report.Report;
import io.netcheck.report.TcpReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single-probe reports through the same renderers as the VIP checklist. */
class ProbeReportRenderingTest {
    private final VerdictEngine verdicts = new VerdictEngine(TeamDirectory.defaults());

    @Test
    void tcpReportRendersAsTextAndJson() throws Exception {
        var e = ProbeVerdictsTest.tcp(Attempts.refused("203.0.113.130:5432", 62), true);
        Report r = TcpReport.of(e, verdicts.decide(TcpRules.TCP, e, e.capture(), x -> ""));
        String text = new TextRenderer(ZoneOffset.UTC).render(r);
        assertTrue(text.startsWith("netcheck tcp 203.0.113.130:5432 --timeout 3000ms\n"), text);
        assertTrue(text.contains("VERDICT  BACKENDS_DOWN  →  Server/application team (server)"), text);
        assertTrue(text.contains("[1] Does a TCP connection to 203.0.113.130:5432 open?  FAIL  REFUSED"), text);
        assertTrue(text.contains("answered by: 203.0.113.130: RST (TTL 62, 2 hops away)"), text);
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(r));
        assertEquals("nothing-listens", json.at("/verdict/rule").asText());
        assertEquals("REFUSED", json.at("/steps/0/outcome").asText());
        assertFalse(json.at("/evidence/attempt").has("packets"), "packet lines are in the steps only");
    }

    @Test
    void aForgedResetShowsTheTargetHostsOwnAnswersAndTheComparison() throws Exception {
        var e = ProbeVerdictsTest.tcp(Attempts.measured(Attempts.refused("203.0.113.10:80", 64), 63, 63), true);
        Report r = TcpReport.of(e, verdicts.decide(TcpRules.TCP, e, e.capture(), x -> ""));
        String text = new TextRenderer(ZoneOffset.UTC).render(r);
        assertTrue(text.contains("VERDICT  FIREWALL_REJECT  →  Firewall team (firewall)  confidence HIGH"), text);
        assertTrue(text.contains("answered by: a device in the path answered in the target's name: the RST on"), text);
        assertTrue(text.contains("The target host's own answers  PASS  MEASURED"), text);
        assertTrue(text.contains("sent: ICMP echo: echo reply from 203.0.113.10 (TTL 63, 1 hop away, IP ID 4711)"), text);
        assertTrue(text.contains("signals:"), text);
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(r));
        assertEquals("forged-reset", json.at("/verdict/rule").asText());
        assertEquals(2, json.at("/verdict/signals").size());
        assertEquals("target-host", json.at("/steps/0/substeps/0/name").asText());
        assertEquals("IN_PATH", json.at("/evidence/attempt/origin/origin").asText());
        assertEquals(63, json.at("/evidence/attempt/host/echo/ttl").asInt());
    }

    @Test
    void pingJsonKeepsFramesOutAndTextSaysWhenThereIsNoCapture() throws Exception {
        Instant t = Instant.parse("2026-11-22T04:00:00Z");
        PingResult result = new PingResult("eth0", Evidence.ip("198.51.100.1"), "9a:59:4c:80:23:a8", false, 7,
                List.of(new EchoReply(1, t, Duration.ofMillis(1), 62, null, -1, -1)), null,
                List.of(new CapturedFrame(t, 1, new byte[60], 60, "eth0")));
        PingEvidence e = new PingEvidence(new PingRequest("203.0.113.130", 1, Duration.ofSeconds(1), null), t,
                Duration.ofMillis(300), Resolution.literal("203.0.113.130", Evidence.ip("203.0.113.130")),
                Evidence.ip("203.0.113.130"), result, null, List.of("a line"),
                CaptureRun.notApplicable("not taken for this test"));
        Report r = PingReport.of(e, verdicts.decide(PingRules.PING, e, null, x -> ""));
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(r));
        assertFalse(json.at("/evidence/result").has("frames"), "frames go to the .pcap, not to JSON");
        assertEquals(1, json.at("/evidence/result/replies").size());
        assertEquals("HEALTHY", json.at("/verdict/cause").asText());
        String text = new TextRenderer(ZoneOffset.UTC).render(r);
        assertTrue(text.contains("capture: none — not taken for this test"), text);
    }

    @Test
    void mtuAndTheVipFollowUpRenderWithoutFrames() throws Exception {
        var e = MtuRulesTest.mtu(Evidence.blackHole1280("203.0.113.10"), null);
        Report r = io.netcheck.report.MtuReport.of(e, verdicts.decide(MtuRules.MTU, e, null, x -> ""));
        String text = new TextRenderer(ZoneOffset.UTC).render(r);
        assertTrue(text.contains("[1] What is the path MTU to 203.0.113.10?  FAIL  BLACK_HOLE"), text);
        assertTrue(text.contains("1281 bytes: lost (no reply, no ICMP error)"), text);
        assertTrue(text.contains("path MTU: 1280 bytes (black hole above: 1281 bytes and larger are lost silently)"),
                text);
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(r));
        assertEquals("mtu-black-hole", json.at("/verdict/rule").asText());
        assertTrue(json.at("/evidence/result/blackHole").asBoolean());
        assertEquals(1280, json.at("/evidence/result/pathMtu").asInt());
        assertFalse(json.at("/evidence/result").has("frames"), "frames go to the .pcap, not to JSON");

        var vip = Evidence.withPathMtu(Evidence.of(Evidence.bodyStalled("203.0.113.10:80", 63, 0, 102400)),
                new io.netcheck.check.PathMtu(Evidence.ip("203.0.113.10"), List.of("203.0.113.10:80"),
                        Evidence.blackHole1280("203.0.113.10"), null, List.of("an echo line"), List.of(
                        new CapturedFrame(Instant.EPOCH, 1, new byte[60], 1514, "eth0"))));
        Report vr = io.netcheck.report.VipReport.of(vip, new VerdictEngine(TeamDirectory.defaults()).decide(vip));
        JsonNode vj = new ObjectMapper().readTree(new JsonRenderer().render(vr));
        assertEquals("path-mtu", vj.at("/steps/3/name").asText());
        assertEquals("an echo line", vj.at("/steps/3/substeps/0/packets/0").asText());
        assertFalse(vj.at("/evidence/pathMtu/0").has("frames"));
        assertFalse(vj.at("/evidence/pathMtu/0").has("packets"), "packet lines are in the steps only");
        assertEquals("BODY_STALLED", vj.at("/evidence/vip/state").asText());
        assertEquals("STALLED", vj.at("/evidence/vip/result/exchange/body").asText());
        String vt = new TextRenderer(ZoneOffset.UTC).render(vr);
        assertTrue(vt.contains("[4] Do full-size packets get through?  FAIL  BLACK_HOLE"), vt);
        assertTrue(vt.contains("body: stalled: 0 of 102400 body bytes"), vt);
    }
}
