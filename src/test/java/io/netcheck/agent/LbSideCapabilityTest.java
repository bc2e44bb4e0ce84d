package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code vip --from} needs an agent whose hello lists the {@value AgentMessage#LB_SIDE} capability. Over the real
 * WebSocket endpoint, with a hand-made agent: an older agent's hello (no capabilities) is accepted for ordinary jobs,
 * but a {@code vip --from} naming it is refused with the agent's name, its version and what to upgrade, and nothing
 * is sent: no side job reaches the agent and netcheck's own VIP probe never leaves (the VIP's listener sees no
 * connection). An agent with the capability does get the side job.
 */
@QuarkusTest
@TestProfile(LbSideCapabilityProfile.class)
class LbSideCapabilityTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL base;

    /** A hand-made agent: says hello, keeps every message the server sends. */
    final class FakeAgent implements AutoCloseable {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final WebSocket ws;

        FakeAgent(String name, String token, String version, List<String> capabilities) throws Exception {
            ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .header(AgentProtocol.NAME_HEADER, name).connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(base.toString().replaceFirst("^http", "ws").replaceFirst("/$", "")
                            + AgentProtocol.PATH), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            received.add(data.toString());
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText(AgentMessage.encode(new AgentMessage.Hello(AgentProtocol.VERSION, name, null, Map.of(), version,
                    capabilities)), true).get(5, TimeUnit.SECONDS);
            String first = received.poll(10, TimeUnit.SECONDS);
            assertTrue(first != null && first.contains("\"type\":\"welcome\""), String.valueOf(first));
        }

        /** Every message but heartbeats received within {@code wait}. */
        List<String> jobs(Duration wait) throws InterruptedException {
            List<String> out = new ArrayList<>();
            long until = System.nanoTime() + wait.toNanos();
            for (String m; (m = received.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) != null; ) {
                if (!m.contains("\"type\":\"heartbeat\"")) {
                    out.add(m);
                }
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    Answer check(String command) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.toURI().resolve("api/v1/checks"))
                .header("Authorization", "Bearer " + LbSideCapabilityProfile.API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("command", command).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    /** Whether anything connected to the listener within {@code wait}: netcheck's VIP probe, if it was sent. */
    static Socket accepted(ServerSocket vip, Duration wait) throws Exception {
        vip.setSoTimeout((int) wait.toMillis());
        try {
            return vip.accept();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Test
    void anAgentTooOldForVipFromIsRefusedByNameBeforeAnythingIsSent() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket vip = new ServerSocket(0, 5, lo); ServerSocket backend = new ServerSocket(0, 5, lo);
             FakeAgent old = new FakeAgent("old-1", LbSideCapabilityProfile.OLD_TOKEN, "0.1.0", null)) {
            Answer a = check("vip 127.0.0.1:" + vip.getLocalPort() + " --backends 127.0.0.1:" + backend.getLocalPort()
                    + " --from old-1");
            assertEquals(400, a.status(), a.body()::toString);
            String error = a.body().get("error").asText();
            assertTrue(error.contains("agent old-1 (version 0.1.0) cannot take vip --from: upgrade it to this "
                    + "server's netcheck version"), error);
            assertEquals(List.of(), old.jobs(Duration.ofMillis(300)), "no job reached the agent");
            assertNull(accepted(vip, Duration.ofMillis(300)), "netcheck's VIP probe was sent");
            assertNull(accepted(backend, Duration.ofMillis(10)));
        }
    }

    @Test
    void anAgentWithTheCapabilityIsSentTheSideJob() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket vip = new ServerSocket(0, 5, lo); ServerSocket backend = new ServerSocket(0, 5, lo);
             FakeAgent agent = new FakeAgent("new-1", LbSideCapabilityProfile.NEW_TOKEN, "0.3.0",
                     List.of(AgentMessage.LB_SIDE))) {
            // This fake never says ready: the run ends when netcheck stops waiting for its capture.
            Answer a = check("vip 127.0.0.1:" + vip.getLocalPort() + " --backends 127.0.0.1:" + backend.getLocalPort()
                    + " --from new-1");
            assertEquals(503, a.status(), a.body()::toString);
            assertTrue(a.body().get("error").asText().contains("agent new-1 did not start its capture"),
                    a.body()::toString);
            List<String> jobs = agent.jobs(Duration.ofMillis(300));
            assertEquals(1, jobs.size(), jobs::toString);
            assertTrue(jobs.get(0).contains("\"type\":\"side-job\"") && jobs.get(0).contains("--backends 127.0.0.1:"
                    + backend.getLocalPort()), jobs.get(0));
        }
    }
}
