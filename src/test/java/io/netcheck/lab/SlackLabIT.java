package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Slack flow against a lab target: the packaged app (HTTP mode) and the fake Slack Web API both run in
 * the lab's client namespace; a signed /netcheck command checks the HAProxy VIP two hops away with every
 * real server stopped, and the thread must carry the lab's packets, the .pcap and the verdict with the
 * owning team's group mentioned.
 */
class SlackLabIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "lab-signing-secret";
    static final int APP_PORT = 18080;
    static LabNetwork lab;
    static Process fake;
    static Process app;
    static int fakePort;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("sk", 2);
        Path jar = Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath();
        Path target = jar.getParent().getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("quarkus-app/lib/boot/*").toString(), target.resolve("quarkus-app/lib/main/*").toString());
        fake = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", cp,
                "io.netcheck.slack.FakeSlackServer").redirectError(new File("target/slack-lab-fake.log")).start();
        String first = new BufferedReader(new InputStreamReader(fake.getInputStream())).readLine();
        assertTrue(first != null && first.startsWith("port="), "fake Slack did not start: " + first);
        fakePort = Integer.parseInt(first.substring(5));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java,
                "-Dnetcheck.team.server.slack-group=S0SERVERS", "-jar", jar.toString(), "serve");
        pb.environment().put("SLACK_BOT_TOKEN", "xoxb-test-bot-token");
        pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
        pb.environment().put("SLACK_API_URL", "http://127.0.0.1:" + fakePort + "/api/");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(APP_PORT));
        pb.environment().put("NETCHECK_CAPTURE_DIRECTORY", "/tmp/netcheck-slack-lab");
        app = pb.redirectErrorStream(true).redirectOutput(new File("target/slack-lab-app.log")).start();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + APP_PORT + "/q/health/ready")
                .equals("200")) {
            if (System.nanoTime() > until || !app.isAlive()) {
                fail("app not ready; see target/slack-lab-app.log");
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void down() throws Exception {
        for (Process p : new Process[] {app, fake}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    static String curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--noproxy", "*", "-m", "10"));
        cmd.addAll(List.of(args));
        return lab.exec("client", Duration.ofSeconds(15), cmd.toArray(String[]::new)).stdout();
    }

    static JsonNode recorded() throws Exception {
        return JSON.readTree(curl("http://127.0.0.1:" + fakePort + "/_calls"));
    }

    static String sign(long ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void slashCommandAgainstTheLabVipPostsTheThreadWithLabPackets() throws Exception {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-stop", "all");
        Thread.sleep(800);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "t");
        form.put("team_id", "T0FAKE");
        form.put("channel_id", "C0INCIDENT");
        form.put("user_id", "U0ONCALL");
        form.put("command", "/netcheck");
        form.put("text", "vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + LabNetwork.backend(1) + ":80,"
                + LabNetwork.backend(2) + ":80");
        form.put("response_url", "http://127.0.0.1:" + fakePort + "/response/lab");
        form.put("trigger_id", UUID.randomUUID().toString());
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        long ts = System.currentTimeMillis() / 1000;
        String ack = curl("-X", "POST", "http://127.0.0.1:" + APP_PORT + "/slack/events",
                "-H", "Content-Type: application/x-www-form-urlencoded", "-H", "X-Slack-Request-Timestamp: " + ts,
                "-H", "X-Slack-Signature: " + sign(ts, body), "--data-binary", body);
        assertTrue(ack.contains("Checking"), ack);

        JsonNode state = null;
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            state = recorded();
            boolean done = false;
            for (JsonNode c : state.get("calls")) {
                done |= c.at("/params/reply_broadcast").asText().equals("1")
                        || c.at("/params/reply_broadcast").asText().equals("true");
            }
            if (done) {
                break;
            }
            Thread.sleep(200);
        }
        List<JsonNode> posts = new ArrayList<>();
        StringBuilder thread = new StringBuilder();
        for (JsonNode c : state.get("calls")) {
            if (c.get("method").asText().equals("chat.postMessage") && c.get("status").asInt() == 200) {
                posts.add(c);
                // Slack renders mrkdwn's &gt; as >: compare what a reader sees.
                thread.append(c.get("blockText").asText().replace("&gt;", ">").replace("&lt;", "<")
                        .replace("&amp;", "&")).append('\n');
            }
        }
        assertTrue(posts.size() >= 5, "root, three step replies and the verdict: " + state.toPrettyString());
        assertEquals("C0INCIDENT", posts.get(0).at("/params/channel").asText());
        String text = thread.toString();
        assertTrue(text.contains("IP 198.51.100.2.") && text.contains("> 203.0.113.10.80: Flags [S]"), text);
        assertTrue(text.contains("IP 203.0.113.130.80 > 198.51.100.2.") && text.contains("Flags [R.]"),
                "the stopped server's RST from the lab: " + text);
        JsonNode verdict = posts.get(posts.size() - 1);
        assertTrue(verdict.get("blockText").asText().contains("BACKENDS_DOWN"), verdict.toPrettyString());
        assertTrue(verdict.get("blockText").asText().contains("<!subteam^S0SERVERS>"), verdict.toPrettyString());
        assertTrue(state.get("uploads").size() >= 1, state.toPrettyString());
        boolean pcap = false;
        for (JsonNode u : state.get("uploads")) {
            pcap |= u.get("magic").asText().equals("d4c3b2a1");
        }
        assertTrue(pcap, "a pcap went into the thread: " + state.get("uploads"));
    }
}
