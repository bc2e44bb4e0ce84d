package io.netcheck.verdict;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.check.VipEvidence;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.Report;
import io.netcheck.report.VipReport;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** One report model, two renderers here: the same verdict and steps in text and JSON. */
class ReportRenderingTest {
    private final Report report;

    ReportRenderingTest() {
        VipEvidence e = of(lbPage("203.0.113.10:80", LB_TTL, "HAProxy"), refused("203.0.113.130:80", SERVER_TTL),
                refused("203.0.113.131:80", SERVER_TTL));
        report = VipReport.of(e, new VerdictEngine(TeamDirectory.defaults()).decide(e));
    }

    @Test
    void jsonHasTheContractFields() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new JsonRenderer().render(report));
        assertEquals("BACKENDS_DOWN", json.at("/verdict/cause").asText());
        assertEquals("server", json.at("/verdict/team").asText());
        assertTrue(json.at("/verdict/summary").asText().length() > 10);
        assertEquals("vip-fails-behind-lb", json.at("/verdict/rule").asText());
        assertEquals(3, json.get("steps").size());
        for (JsonNode step : json.get("steps")) {
            assertTrue(step.has("name") && step.has("outcome") && step.get("packets").isArray(), step::toString);
        }
        assertEquals("L7_PROXY", json.at("/steps/1/outcome").asText());
        assertEquals("/tmp/x.pcap", json.get("pcap").asText());
        assertEquals("HTTP_ERROR", json.at("/evidence/vip/state").asText());
        assertEquals("203.0.113.10:80", json.at("/evidence/vip/address").asText());
        assertTrue(json.at("/evidence/vip").has("packets") == false, "packet lines live in steps only");
        assertTrue(json.get("elapsedMs").isNumber());
    }

    @Test
    void textLeadsWithTheVerdictThenTheSteps() {
        String text = new TextRenderer(ZoneOffset.UTC).render(report);
        assertTrue(text.startsWith("netcheck vip 203.0.113.10:80 --backends 203.0.113.130:80,203.0.113.131:80"), text);
        int verdict = text.indexOf("VERDICT  BACKENDS_DOWN  →  Server/application team (server)");
        assertTrue(verdict > 0, text);
        assertTrue(verdict < text.indexOf("[1] Does the connection reach the VIP?  PASS  CONNECTED"), text);
        assertTrue(text.contains("[2] Layer 4 or Layer 7?  FAIL  L7_PROXY"), text);
        assertTrue(text.contains("[3] Can the real servers be reached?  FAIL  0/2 UP"), text);
        assertTrue(text.contains("- 203.0.113.131:80  FAIL  REFUSED"), text);
        assertTrue(text.contains("pcap: /tmp/x.pcap"), text);
        text.lines().forEach(l -> assertTrue(l.length() <= 110, "line too long: " + l));
    }
}
