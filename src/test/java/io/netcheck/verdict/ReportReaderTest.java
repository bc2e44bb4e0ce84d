package io.netcheck.verdict;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.checklist.VipEvidence;
import io.netcheck.report.Report;
import io.netcheck.report.VipReport;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.ReportReader;
import io.netcheck.render.TextRenderer;


import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** An agent's (or the API's) JSON report read back renders exactly as the original did. */
class ReportReaderTest {
    private static Report vipReport() {
        VipEvidence e = of(lbPage("203.0.113.10:80", LB_TTL, "HAProxy"), refused("203.0.113.130:80", SERVER_TTL),
                refused("203.0.113.131:80", SERVER_TTL));
        return VipReport.of(e, new VerdictEngine(TeamDirectory.defaults()).decide(e));
    }

    @Test
    void renderReadRenderIsTheSameJsonAndText() {
        Report original = vipReport();
        String json = new JsonRenderer().render(original);
        Report read = ReportReader.read(json);
        assertEquals(json, new JsonRenderer().render(read));
        assertEquals(new TextRenderer(ZoneOffset.UTC).render(original), new TextRenderer(ZoneOffset.UTC).render(read));
        assertEquals(original.verdict(), read.verdict());
        assertEquals(original.steps(), read.steps());
        assertEquals(original.capture(), read.capture());
        assertTrue(read.evidence() instanceof com.fasterxml.jackson.databind.JsonNode, "evidence stays a JSON tree");
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportReader.read("{\"a\":1}"));
        assertTrue(e.getMessage().contains("not a netcheck report"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReportReader.read("not json"));
        assertThrows(IllegalArgumentException.class, () -> ReportReader.read(
                "{\"verdict\":{\"cause\":\"NOPE\"},\"steps\":[],\"startedAt\":\"2026-01-01T00:00:00Z\"}"));
    }
}
