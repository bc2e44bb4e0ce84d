package io.netcheck.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check API over HTTP with named tokens: who is refused (401), what a token may not run (403 naming the command
 * and the token), the audit naming the token and never holding it, refusals counted by kind, and real checks run
 * against a loopback port for a token allowed them.
 */
@QuarkusTest
@TestProfile(ApiTokensProfile.class)
class ChecksApiTokensTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final List<String> audit = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            audit.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void listen() {
        Logger.getLogger("netcheck.audit").addHandler(handler);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("netcheck.audit").removeHandler(handler);
    }

    HttpResponse<String> post(String token, String command) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "api/v1/checks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("command", command).toString()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    double refusals(String reason, String token) throws Exception {
        String needle = "netcheck_api_refused_total{reason=\"" + reason + "\",token=\"" + token + "\"}";
        return get("q/metrics", null).body().lines().filter(l -> l.startsWith(needle))
                .mapToDouble(l -> Double.parseDouble(l.substring(needle.length()).strip())).sum();
    }

    @Test
    void noOrUnknownTokenIs401AndTheAgentListNeedsOne() throws Exception {
        double before = refusals("token", "none");
        HttpResponse<String> none = post(null, "tcp 127.0.0.1:1");
        assertEquals(401, none.statusCode());
        assertEquals("missing or unknown bearer token", JSON.readTree(none.body()).get("error").asText());
        assertEquals(401, post("not-a-token", "tcp 127.0.0.1:1").statusCode());
        assertEquals(401, post("sha256:" + ApiTokensProfile.CI, "tcp 127.0.0.1:1").statusCode());
        assertEquals(401, get("api/v1/agents", null).statusCode());
        assertEquals(401, get("api/v1/agents", "not-a-token").statusCode());
        HttpResponse<String> agents = get("api/v1/agents", ApiTokensProfile.CI);
        assertEquals(200, agents.statusCode());
        assertTrue(JSON.readTree(agents.body()).get("agents").isArray());
        assertEquals(before + 5, refusals("token", "none"));
        assertTrue(audit.stream().noneMatch(l -> l.contains("not-a-token") || l.contains(ApiTokensProfile.CI)), audit.toString());
    }

    @Test
    void aCommandTheTokenMayNotRunIs403NamingItAndTheToken() throws Exception {
        double before = refusals("grant", "ci");
        HttpResponse<String> trace = post(ApiTokensProfile.CI, "trace 127.0.0.1");
        assertEquals(403, trace.statusCode());
        assertEquals("token 'ci' may not run 'trace' (it may run: http, tcp)",
                JSON.readTree(trace.body()).get("error").asText());
        HttpResponse<String> from = post(ApiTokensProfile.CI, "tcp 127.0.0.1:1 --from lb-a");
        assertEquals(403, from.statusCode());
        assertTrue(JSON.readTree(from.body()).get("error").asText()
                .startsWith("token 'ci' may not run checks on an agent (--from)"), from.body());
        assertEquals(before + 2, refusals("grant", "ci"));
        // The oncall token may use --from: it gets as far as looking for the agent.
        HttpResponse<String> oncall = post(ApiTokensProfile.ONCALL, "tcp 127.0.0.1:1 --from lb-a");
        assertEquals(503, oncall.statusCode(), oncall.body());
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"user\":\"api:ci\"") && l.contains("may not run 'trace'")),
                audit.toString());
        assertTrue(audit.stream().noneMatch(l -> l.contains(ApiTokensProfile.CI) || l.contains(ApiTokensProfile.ONCALL)),
                audit.toString());
    }

    @Test
    void allowedTokensRunRealChecksAndTheAuditNamesThem() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String target = "127.0.0.1:" + open.getLocalPort();
            HttpResponse<String> ci = post(ApiTokensProfile.CI, "tcp " + target);
            assertEquals(200, ci.statusCode(), ci.body());
            JsonNode report = JSON.readTree(ci.body());
            assertEquals("HEALTHY", report.get("verdict").get("cause").asText(), ci.body());
            HttpResponse<String> legacy = post(ApiTokensProfile.LEGACY, "tcp " + target);
            assertEquals(200, legacy.statusCode(), legacy.body());
        }
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"finished\"") && l.contains("\"user\":\"api:ci\"")),
                audit.toString());
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"finished\"")
                && l.contains("\"user\":\"api:default\"")), audit.toString());
        assertFalse(audit.stream().anyMatch(l -> l.contains(ApiTokensProfile.LEGACY)), audit.toString());
    }

    @Test
    void theOpenApiDocumentDescribesTheTokens() throws Exception {
        String doc = get("q/openapi", null).body();
        assertTrue(doc.contains("NETCHECK_API_TOKENS"), doc);
        assertTrue(doc.contains("may not run this command"), doc);
    }
}
