package io.netcheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.PcapFiles;
import io.netcheck.render.ReportReader;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A {@code vip --from} report: both sides of step 1, whose packets they are, where step 3 ran. */
class VipFromReportTest {
    @Test
    void stepOneShowsBothSidesAndWhoseLinesTheyAre() {
        Report r = ReportFixtures.all().get("vip-from-return-path");
        Step reach = r.steps().get(0);
        assertTrue(reach.summary().contains("netcheck sent 4 SYNs; lb-a saw 4 SYNs arrive and answered SYN-ACK 4 "
                + "times; none came back"), reach.summary());
        assertTrue(reach.packets().stream().anyMatch(p -> p.startsWith("[lb-a] ")), reach.packets().toString());
        assertTrue(reach.packets().stream().filter(p -> !p.startsWith("[lb-a] "))
                .allMatch(p -> p.startsWith("[netcheck] ")), reach.packets().toString());
        assertTrue(reach.facts().stream().anyMatch(f -> f.label().equals("clock offset")
                && f.value().contains("+1.200 ms ± 0.250 ms")), reach.facts().toString());
        assertTrue(reach.facts().stream().anyMatch(f -> f.value().contains("/tmp/x-lb-a.pcap")), reach.facts().toString());
        Step backends = r.steps().get(2);
        assertTrue(backends.facts().get(0).value().contains("probed from agent lb-a"), backends.facts().toString());
        assertEquals(Cause.ROUTING, r.verdict().cause());
        String text = new TextRenderer(ZoneOffset.UTC).render(r);
        assertTrue(text.contains("[lb-a]"), text);
    }

    @Test
    void theTextAndTheJsonNameBothCapturesAndSoDoesAReportReadBack() throws Exception {
        Report r = ReportFixtures.all().get("vip-from-return-path");
        String text = new TextRenderer(ZoneOffset.UTC).render(r);
        assertTrue(text.contains("pcap: " + r.capture().pcapFile()), text);
        assertTrue(text.contains("pcap (lb-a's side, 9 packets): /tmp/x-lb-a.pcap"), text);
        String json = new JsonRenderer().render(r);
        JsonNode pcaps = new ObjectMapper().readTree(json).get("pcaps");
        assertEquals(2, pcaps.size(), json);
        assertEquals("netcheck", pcaps.get(0).get("side").asText());
        assertEquals(r.capture().pcapFile(), pcaps.get(0).get("file").asText());
        assertEquals("lb-a", pcaps.get(1).get("side").asText());
        assertEquals("/tmp/x-lb-a.pcap", pcaps.get(1).get("file").asText());
        // Through --server the evidence is a JSON tree: the same two files, the same text.
        Report back = ReportReader.read(json);
        assertEquals(PcapFiles.of(r), PcapFiles.of(back));
        assertEquals(json, new JsonRenderer().render(back));
        assertTrue(new TextRenderer(ZoneOffset.UTC).render(back).contains("pcap (lb-a's side, 9 packets): "
                + "/tmp/x-lb-a.pcap"));
    }
}
