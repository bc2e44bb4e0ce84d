package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Socket Mode: no inbound port; the app dials the (fake) Slack WebSocket and acks envelopes. */
@QuarkusTest
@TestProfile(SocketModeProfile.class)
class SlackSocketModeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void slashCommandOverSocketModeIsAckedAndRunOnceDespiteARetry() throws Exception {
        FakeSlack fake = SlackTestResource.fake;
        fake.await("the app's WebSocket connection", Duration.ofSeconds(15), f -> f.socketClients() > 0);
        try (LoopbackTargets targets = new LoopbackTargets()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("token", "legacy");
            payload.put("team_id", "T0FAKE");
            payload.put("team_domain", "fake");
            payload.put("channel_id", "C0NETOPS");
            payload.put("channel_name", "netops");
            payload.put("user_id", "U0ONCALL");
            payload.put("user_name", "oncall");
            payload.put("command", "/netcheck");
            payload.put("text", "vip " + targets.vip() + " --timeout 2s");
            payload.put("api_app_id", "A0FAKE");
            payload.put("response_url", fake.responseUrl("socket"));
            payload.put("trigger_id", UUID.randomUUID().toString());
            String envelope = JSON.writeValueAsString(Map.of("envelope_id", "env-1", "type", "slash_commands",
                    "accepts_response_payload", true, "retry_attempt", 0, "retry_reason", "", "payload", payload));
            fake.sendEnvelope(envelope);
            fake.await("the ack of env-1", Duration.ofSeconds(10), f -> f.acks().contains("env-1"));
            assertTrue(fake.ackBodies().get(0).contains("Checking"), "ephemeral ack text: " + fake.ackBodies());
            // Slack redelivers when it thinks the ack was lost: same payload, retry_attempt 1.
            fake.sendEnvelope(envelope.replace("\"retry_attempt\":0", "\"retry_attempt\":1")
                    .replace("env-1", "env-2"));
            fake.await("the ack of env-2", Duration.ofSeconds(10), f -> f.acks().contains("env-2"));
            fake.await("the verdict", Duration.ofSeconds(20), f -> f.accepted("chat.postMessage").stream()
                    .anyMatch(c -> c.flag("reply_broadcast")));
            fake.awaitQuiet(Duration.ofMillis(700), Duration.ofSeconds(10));
            assertEquals(1, fake.accepted("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null).count(),
                    "one run for two deliveries");
            assertEquals("C0NETOPS", fake.accepted("chat.postMessage").get(0).param("channel"));
            assertTrue(fake.accepted("chat.update").stream().anyMatch(c -> c.blockText().contains("HEALTHY")));
        }
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ready.toString()))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"mode\": \"SOCKET\"") || health.body().contains("\"mode\":\"SOCKET\""),
                health.body());
    }
}
