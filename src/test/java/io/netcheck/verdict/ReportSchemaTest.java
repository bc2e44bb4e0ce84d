package io.netcheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.netcheck.render.JsonRenderer;
import io.netcheck.report.Report;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every renderer's JSON, for every command kind, against the versioned schema the README documents. */
class ReportSchemaTest {
    static final Schema SCHEMA = load();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Schema load() {
        try (InputStream in = JsonRenderer.class.getResourceAsStream(JsonRenderer.SCHEMA)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Error> errors(String json) {
        return SCHEMA.validate(json, InputFormat.JSON);
    }

    @Test
    void everyKindsReportFollowsTheSchema() {
        Set<String> kinds = new TreeSet<>();
        for (Map.Entry<String, Report> e : ReportFixtures.all().entrySet()) {
            String json = ReportFixtures.json(e.getValue());
            assertEquals(List.of(), errors(json), e.getKey() + ":\n" + json);
            kinds.add(e.getValue().command().split(" ")[0]);
        }
        assertEquals(new TreeSet<>(List.of("dns", "http", "listen", "listeners", "mtu", "ping", "tcp", "tls", "trace",
                "vip")), kinds, "a new command kind needs a fixture here and an evidence definition in the schema");
    }

    @Test
    void aReportThatSaysWhatChangedFollowsTheSchemaToo() {
        java.util.Map<String, io.netcheck.diff.Baseline> kept = new java.util.HashMap<>();
        var lastWorked = new io.netcheck.diff.SinceLastWorked(new io.netcheck.diff.Baselines() {
            @Override
            public java.util.Optional<io.netcheck.diff.Baseline> last(String target) {
                return java.util.Optional.ofNullable(kept.get(target));
            }

            @Override
            public void keep(String target, io.netcheck.diff.Baseline baseline) {
                kept.put(target, baseline);
            }
        }, java.time.ZoneOffset.UTC);
        Report healthy = lastWorked.note(ReportFixtures.vipHealthyTls(), true);
        Report failing = lastWorked.note(ReportFixtures.vipExpiredCertificate(), true);
        for (Report r : List.of(healthy, failing)) {
            String json = ReportFixtures.json(r);
            assertEquals(List.of(), errors(json), json);
            assertTrue(json.contains("\"name\" : \"since-last-worked\""), json);
        }
    }

    @Test
    void theOutputSaysWhichSchemaVersionItFollows() throws Exception {
        JsonNode json = JSON.readTree(ReportFixtures.json(ReportFixtures.vipHealthyTls()));
        assertEquals(JsonRenderer.SCHEMA_VERSION, json.get("schemaVersion").asInt());
        assertEquals("schemaVersion", json.fieldNames().next(), "first, so a reader sees it before anything else");
    }

    @Test
    void aRenamedEvidenceFieldBreaksTheSchemaNotAConsumer() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(ReportFixtures.json(ReportFixtures.vipHealthyTls()));
        ObjectNode wire = (ObjectNode) json.at("/evidence/vip/wire");
        wire.set("synAckTimeToLive", wire.remove("synAckTtl"));
        List<Error> errors = errors(json.toString());
        assertFalse(errors.isEmpty());
        String all = errors.toString();
        assertTrue(all.contains("synAckTtl") && all.contains("synAckTimeToLive"), all);
    }

    @Test
    void evidenceOfTheWrongKindIsRejected() throws Exception {
        ObjectNode tcp = (ObjectNode) JSON.readTree(ReportFixtures.json(ReportFixtures.all().get("tcp-refused")));
        JsonNode vip = JSON.readTree(ReportFixtures.json(ReportFixtures.vipHealthyTls()));
        tcp.set("evidence", vip.get("evidence"));
        assertFalse(errors(tcp.toString()).isEmpty());
        ObjectNode noVersion = (ObjectNode) vip.deepCopy();
        noVersion.remove("schemaVersion");
        assertFalse(errors(noVersion.toString()).isEmpty());
    }
}
