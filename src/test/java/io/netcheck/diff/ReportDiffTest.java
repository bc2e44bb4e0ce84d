package io.netcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcheck.verdict.ReportFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recorded report pairs: the JSON of a run that worked (rendered from the rule tests' recorded evidence) and the
 * JSON of a later run with one thing changed, for every kind of change, and for noise that must not count.
 */
class ReportDiffTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static ObjectNode fixture(String name) {
        return read(ReportFixtures.json(ReportFixtures.all().get(name)));
    }

    static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The healthy TLS VIP, reached by name: app.svc.test → 203.0.113.10. */
    static ObjectNode healthyVip() {
        ObjectNode r = read(ReportFixtures.json(ReportFixtures.vipHealthyTls()));
        assertTrue(r.path("healthy").asBoolean(), r::toString);
        ((ObjectNode) r.at("/evidence/vip")).set("resolution", read("""
                {"name":"app.svc.test","status":"RESOLVED","addresses":["203.0.113.10"],
                 "answers":["app.svc.test. 300 IN A 203.0.113.10"],"servers":["198.51.100.53#53"],"elapsed":1.2,
                 "error":null}"""));
        return r;
    }

    /** The same report as a later, failing run with this cause. */
    static ObjectNode failing(ObjectNode healthy, String cause, String confidence) {
        ObjectNode r = healthy.deepCopy();
        r.put("healthy", false);
        r.put("startedAt", "2026-11-22T05:00:00Z");
        ((ObjectNode) r.get("verdict")).put("cause", cause).put("confidence", confidence);
        return r;
    }

    static ObjectNode at(JsonNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    static List<String> texts(JsonNode before, JsonNode after) {
        return ReportDiff.between(before, after).stream().map(Change::text).toList();
    }

    @Test
    void aNameResolvingElsewhereIsTheChangeAndTheSilenceItCausesIsNot() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "HOST_UNREACHABLE", "MEDIUM");
        ((ArrayNode) at(after, "/evidence/vip/resolution").withArray("addresses")).removeAll().add("203.0.113.99");
        at(after, "/evidence/vip").putNull("result").put("state", "TIMEOUT");
        at(after, "/evidence/vip/wire").put("synAckSeen", false).putNull("synAckTtl").putNull("synAckWindow");
        assertEquals(List.of("app.svc.test resolves to 203.0.113.99, was 203.0.113.10"), texts(before, after));
    }

    @Test
    void aNameThatStoppedResolvingIsAChange() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "DNS", "HIGH");
        at(after, "/evidence/vip/resolution").put("status", "NXDOMAIN").withArray("addresses").removeAll();
        assertEquals("app.svc.test resolves to nothing (NXDOMAIN), was 203.0.113.10", texts(before, after).get(0));
    }

    @Test
    void roundRobinOrderIsNoise() {
        ObjectNode before = healthyVip();
        ((ArrayNode) at(before, "/evidence/vip/resolution").withArray("addresses")).add("203.0.113.11");
        ObjectNode after = failing(before, "BACKENDS_DOWN", "HIGH");
        ((ArrayNode) at(after, "/evidence/vip/resolution").withArray("addresses")).removeAll().add("203.0.113.11")
                .add("203.0.113.10");
        assertEquals(List.of(), texts(before, after));
    }

    @Test
    void aReplacedCertificateNamesWhatDiffers() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "TLS", "HIGH");
        at(after, "/evidence/vip/result/tls/chain/0").put("serial", "2a").put("notAfter", "2026-11-01T00:00:00Z")
                .put("notBefore", "2025-08-01T00:00:00Z");
        List<Change> changes = ReportDiff.between(before, after);
        assertEquals(1, changes.size(), changes::toString);
        assertEquals("the certificate of 203.0.113.10:443 changed: valid until 2026-11-01T00:00:00Z, was "
                + "2027-02-01T00:00:00Z; valid from 2025-08-01T00:00:00Z, was 2026-11-01T00:00:00Z; serial 2a, was 1f",
                changes.get(0).text());
        at(after, "/evidence/vip/result/tls/chain/0").put("issuer", "CN=Other CA").put("subject", "CN=old.example");
        assertTrue(texts(before, after).get(0).endsWith("subject CN=old.example, was CN=vip.example; issuer CN=Other CA, "
                + "was CN=Test CA"), texts(before, after)::toString);
    }

    @Test
    void distanceAndHandshakeSignaturePerEndpoint() {
        ObjectNode before = healthyVip();
        at(before, "/evidence/vip/wire").put("synAckOptions", "mss 1460,sackOK,TS,nop,wscale 7");
        ObjectNode after = failing(before, "LB_MISCONFIGURED", "MEDIUM");
        at(after, "/evidence/vip/wire").put("synAckTtl", 61).put("synAckWindow", 29200).put("synAckMss", 1380)
                .put("synAckOptions", "mss 1380,nop,nop,sackOK,nop,wscale 9");
        at(after, "/evidence/backends/1/wire").put("synAckTtl", 59);
        assertEquals(List.of("203.0.113.10:443 answers from 3 hops away (TTL 61), was 1 hop away (TTL 63)",
                "203.0.113.131:443 answers from 5 hops away (TTL 59), was 2 hops away (TTL 62)",
                "the TCP handshake of 203.0.113.10:443 changed: window 29200, was 65160; MSS 1380, was 1460; options "
                        + "mss 1380,nop,nop,sackOK,nop,wscale 9, was mss 1460,sackOK,TS,nop,wscale 7"),
                texts(before, after).stream().filter(t -> !t.contains("Server")).toList());
    }

    @Test
    void loadBalancerSignatureServerHeaderAndStatus() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "LB_MISCONFIGURED", "HIGH");
        ObjectNode response = at(after, "/evidence/vip/result/exchange/response");
        response.put("status", 503).put("reason", "Service Unavailable").set("generatedBy", read("""
                {"product":"HAProxy","meaning":"no server available","evidence":"body"}"""));
        ((ObjectNode) response.at("/headers/0")).put("value", "HAProxy");
        assertEquals(List.of("203.0.113.10:443 is answered by HAProxy (no server available), was the service itself "
                        + "(no load balancer page)",
                "203.0.113.10:443 answers HTTP 503 Service Unavailable, was 200 OK",
                "203.0.113.10:443 answers with Server: HAProxy, was nginx"), texts(before, after));
    }

    @Test
    void theSetOfRealServersAnsweringRanksFirstWhenServersAreDown() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "BACKENDS_DOWN", "HIGH");
        at(after, "/evidence/backends/1").put("state", "REFUSED").putNull("result");
        at(after, "/evidence/backends/1/wire").put("synAckSeen", false).putNull("synAckTtl");
        at(after, "/evidence/vip/wire").put("synAckWindow", 1000); // a weaker suspect for this verdict
        List<String> t = texts(before, after);
        assertEquals("real servers answering behind 203.0.113.10:443: 203.0.113.130:443, was 203.0.113.130:443, "
                + "203.0.113.131:443", t.get(0));
        assertEquals(2, t.size(), t::toString);
    }

    @Test
    void aNewTracePathCountsASilentHopOrAnEarlierEndDoesNot() {
        ObjectNode before = fixture("trace-reaches");
        ObjectNode silent = before.deepCopy();
        at(silent, "/evidence/result/hops/1").putNull("icmp").putNull("tcp");
        assertEquals(List.of(), texts(before, silent), "a router that did not answer matches any");
        ObjectNode stopsEarly = before.deepCopy();
        ((ArrayNode) stopsEarly.at("/evidence/result/hops")).remove(2);
        assertEquals(List.of(), texts(before, stopsEarly), "stopping early is the outage, not a new path");
        ObjectNode rerouted = before.deepCopy();
        at(rerouted, "/evidence/result/hops/1/icmp").put("from", "198.51.100.20");
        assertEquals(List.of("the path to 203.0.113.130 is 198.51.100.1 → 198.51.100.20 → 203.0.113.130, was "
                + "198.51.100.1 → 198.51.100.10 → 203.0.113.130"), texts(before, rerouted));
    }

    @Test
    void thePathMtu() {
        assertEquals(List.of("the path MTU to 203.0.113.10 is 1280 bytes, was 1500"),
                texts(fixture("mtu-full"), fixture("mtu-black-hole")));
    }

    @Test
    void theDnsCommandComparesEachResolversAnswerNotItsTtls() {
        ObjectNode before = fixture("dns-good");
        ObjectNode ttlOnly = before.deepCopy();
        at(ttlOnly, "/evidence/system/0/answer/answers/0").put("ttl", 17);
        at(ttlOnly, "/evidence/system/0/answer").put("elapsed", 40.0);
        assertEquals(List.of(), texts(before, ttlOnly));
        assertEquals(List.of("vip.lab.test (via 198.51.100.1:53) resolves to 203.0.113.99, was 203.0.113.10"),
                texts(before, fixture("dns-unexpected")));
    }

    @Test
    void listeningSockets() {
        ObjectNode before = fixture("listeners");
        ObjectNode after = before.deepCopy();
        ((ArrayNode) after.at("/evidence/listeners")).remove(1);
        at(after, "/evidence/listeners/0").put("address", "127.0.0.1");
        assertEquals(List.of("listening sockets on b1: tcp 127.0.0.1:80, was tcp 0.0.0.0:80, tcp6 [::]:80"),
                texts(before, after));
    }

    @Test
    void portsSequenceNumbersJitterAndBookkeepingAreNoise() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "APP_ERROR", "MEDIUM");
        after.put("elapsedMs", 912.5).put("pcap", "/tmp/other.pcap");
        at(after, "/capture").put("packets", 99);
        at(after, "/evidence/vip/result/connect").put("local", "198.51.100.2:51234").put("elapsed", 2.7);
        at(after, "/evidence/vip/result/exchange").put("firstByte", 2.9).put("lastByte", 3.5).put("elapsed", 4.0);
        at(after, "/evidence/vip/wire").put("packets", 14).put("synAckIpId", 4242).put("peerBytes", 1200);
        at(after, "/evidence/vip").put("elapsed", 30.0);
        ((ArrayNode) at(after, "/evidence/vip/resolution").withArray("answers")).removeAll()
                .add("app.svc.test. 120 IN A 203.0.113.10");
        at(after, "/evidence/vip/resolution").put("elapsed", 9.9);
        at(after, "/evidence/backends/0/result/connect").put("local", "198.51.100.2:40404");
        ((ArrayNode) after.at("/steps/0/packets")).add("09:00:00.000000 IP 198.51.100.2.51234 > 203.0.113.10.443: "
                + "Flags [S], seq 123456789, win 64240");
        at(after, "/evidence/host/echo").put("ipId", 9);
        assertEquals(List.of(), texts(before, after));
    }

    @Test
    void aFirstByteFarBeyondJitterCounts() {
        ObjectNode before = healthyVip();
        ObjectNode after = failing(before, "DEGRADED", "MEDIUM");
        at(after, "/evidence/vip/result/exchange").put("firstByte", 900.0);
        assertEquals(List.of("203.0.113.10:443 took 900 ms, was 1 ms"), texts(before, after));
    }

    @Test
    void everyFixtureComparedWithItselfShowsNothing() {
        ReportFixtures.all().forEach((name, r) -> {
            JsonNode json = read(ReportFixtures.json(r));
            assertEquals(List.of(), texts(json, json), name);
        });
    }
}
