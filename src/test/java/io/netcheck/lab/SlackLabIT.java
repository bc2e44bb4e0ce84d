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
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class SlackLabIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "lab-signing-secret";
    static final int APP_PORT = 18080;
    static LabNetwork lab;
    static Process fake;
    static Process app;
    static int fakePort;
    static Path storeDir;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("sk", 2);
        storeDir = java.nio.file.Files.createTempDirectory("netcheck-lab-store");
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
        startApp();
    }

    /** The packaged app in the client namespace; its watch store is an H2 file that outlives the process. */
    static void startApp() throws Exception {
        Path jar = Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Watch intervals of seconds so a broken and repaired target takes seconds, not minutes.
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java,
                "-Dnetcheck.team.server.slack-group=S0SERVERS", "-Dnetcheck.watch.tick=1s",
                "-Dnetcheck.watch.min-every=2s", "-Dnetcheck.summary.min-interval=10s",
                "-Dnetcheck.watch.incident-channel=C0LABINC", "-jar", jar.toString(), "serve");
        pb.environment().put("SLACK_BOT_TOKEN", "xoxb-test-bot-token");
        pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
        pb.environment().put("SLACK_API_URL", "http://127.0.0.1:" + fakePort + "/api/");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(APP_PORT));
        pb.environment().put("NETCHECK_CAPTURE_DIRECTORY", "/tmp/netcheck-slack-lab");
        pb.environment().put("NETCHECK_STORE_URL", "jdbc:h2:file:" + storeDir.resolve("netcheck"));
        app = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                new File("target/slack-lab-app.log"))).start();
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
        if (storeDir != null) {
            try (var files = java.nio.file.Files.walk(storeDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The HAProxy VIP and its two real servers, as typed after "vip". */
    static String haproxyVip() {
        return LabNetwork.VIP_HAPROXY + ":80 --backends " + LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80";
    }

    /** A signed slash command from a channel; returns the ack body. */
    static String command(String channel, String text) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "t");
        form.put("team_id", "T0FAKE");
        form.put("channel_id", channel);
        form.put("user_id", "U0ONCALL");
        form.put("command", "/netcheck");
        form.put("text", text);
        form.put("response_url", "http://127.0.0.1:" + fakePort + "/response/" + UUID.randomUUID());
        form.put("trigger_id", UUID.randomUUID().toString());
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        long ts = System.currentTimeMillis() / 1000;
        return curl("-X", "POST", "http://127.0.0.1:" + APP_PORT + "/slack/events",
                "-H", "Content-Type: application/x-www-form-urlencoded", "-H", "X-Slack-Request-Timestamp: " + ts,
                "-H", "X-Slack-Signature: " + sign(ts, body), "--data-binary", body);
    }

    /** Accepted chat.postMessage calls to a channel, in order. */
    static List<JsonNode> posts(JsonNode state, String channel) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : state.get("calls")) {
            if (c.get("method").asText().equals("chat.postMessage") && c.get("status").asInt() == 200
                    && c.at("/params/channel").asText().equals(channel)) {
                out.add(c);
            }
        }
        return out;
    }

    static JsonNode awaitRecorded(String what, Duration timeout, java.util.function.Predicate<JsonNode> done)
            throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        JsonNode state = recorded();
        while (!done.test(state)) {
            if (System.nanoTime() > until) {
                fail("timed out waiting for " + what + ": " + state.toPrettyString());
            }
            Thread.sleep(250);
            state = recorded();
        }
        return state;
    }

    static boolean isRoot(JsonNode call) {
        return call.at("/params/thread_ts").isMissingNode() || call.at("/params/thread_ts").isNull();
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
    @org.junit.jupiter.api.Order(1)
    void slashCommandAgainstTheLabVipPostsTheThreadWithLabPackets() throws Exception {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-stop", "all");
        Thread.sleep(800);
        String ack = command("C0INCIDENT", "vip " + haproxyVip());
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

    @Test
    @org.junit.jupiter.api.Order(2)
    void aWatchOnTheLabVipAlertsOnceWhenBrokenAndRecoversInTheThreadWhenRepaired() throws Exception {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-start", "all");
        Thread.sleep(1500);
        String ack = command("C0LABOPS", "watch add vip " + haproxyVip() + " --timeout 1s --every 2s --name shop");
        assertEquals("", ack, "a watch command is answered in the channel, not in the ack");
        awaitRecorded("the watch to be added", Duration.ofSeconds(20), s -> posts(s, "C0LABOPS").stream()
                .anyMatch(c -> c.get("blockText").asText().contains("added the watch *shop*")));
        Thread.sleep(6000); // three healthy runs: the watch is confirmed healthy, and quiet
        JsonNode quiet = recorded();
        assertEquals(1, posts(quiet, "C0LABOPS").size(), "healthy watches post nothing: " + quiet);

        lab.run("backend-stop", "all"); // broken
        long broken = System.nanoTime();
        JsonNode down = awaitRecorded("the outage", Duration.ofSeconds(40), s -> posts(s, "C0LABOPS").stream()
                .anyMatch(c -> isRoot(c) && c.get("blockText").asText().contains("is DOWN")));
        JsonNode alert = posts(down, "C0LABOPS").stream().filter(c -> isRoot(c)
                && c.get("blockText").asText().contains("is DOWN")).findFirst().orElseThrow();
        System.out.printf("watch outage posted %d ms after the real servers stopped%n",
                (System.nanoTime() - broken) / 1_000_000);
        assertTrue(alert.get("blockText").asText().contains("BACKENDS_DOWN"), alert.toPrettyString());
        assertTrue(alert.get("blockText").asText().contains("<!subteam^S0SERVERS>"), alert.toPrettyString());
        Thread.sleep(5000); // still broken: more failing runs, no second alert

        lab.run("backend-start", "all"); // repaired
        long repaired = System.nanoTime();
        JsonNode up = awaitRecorded("the recovery", Duration.ofSeconds(40), s -> posts(s, "C0LABOPS").stream()
                .anyMatch(c -> !isRoot(c) && c.get("blockText").asText().contains("recovered")));
        System.out.printf("watch recovery posted %d ms after the real servers started%n",
                (System.nanoTime() - repaired) / 1_000_000);
        List<JsonNode> ops = posts(up, "C0LABOPS");
        assertEquals(1, ops.stream().filter(c -> isRoot(c) && c.get("blockText").asText().contains("is DOWN")).count(),
                "one alert for one outage");
        JsonNode recovery = ops.stream().filter(c -> c.get("blockText").asText().contains("recovered")).findFirst()
                .orElseThrow();
        String thread = recovery.at("/params/thread_ts").asText();
        assertTrue(ops.stream().anyMatch(c -> thread.equals(c.at("/params/thread_ts").asText())
                        && c.get("blockText").asText().contains("Flags [R.]")),
                "the recovery is in the alert's thread, which carries the lab's packets: " + up.toPrettyString());
        assertEquals(1, posts(up, "C0LABINC").stream().filter(SlackLabIT::isRoot).count(), "the incident channel too");
        command("C0LABOPS", "watch remove shop");
        awaitRecorded("the watch to be removed", Duration.ofSeconds(20), s -> posts(s, "C0LABOPS").stream()
                .anyMatch(c -> c.get("blockText").asText().contains("removed the watch *shop*")));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void watchesAndSchedulesSurviveARestartAndEachSummarySlotIsPostedOnce() throws Exception {
        command("C0LABSUM", "watch add tcp " + LabNetwork.backend(1) + ":80 --timeout 1s --every 2s --name web");
        command("C0LABSUM", "summary schedule \"*/15 * * * * *\"");
        awaitRecorded("the first scheduled summary", Duration.ofSeconds(40), s -> summaries(s).size() >= 1);

        app.destroy(); // a graceful stop, as a pod being replaced
        assertTrue(app.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        startApp();
        String list = "http://127.0.0.1:" + fakePort + "/response/";
        command("C0LABSUM", "watch list");
        JsonNode listed = awaitRecorded("the watch list after the restart", Duration.ofSeconds(20),
                s -> s.get("responses").toString().contains("tcp " + LabNetwork.backend(1) + ":80"));
        assertTrue(listed.get("responses").toString().contains("web"), list);
        JsonNode later = awaitRecorded("a summary from the restarted app", Duration.ofSeconds(60),
                s -> summaries(s).size() >= 3);
        List<String> slots = summaries(later);
        assertEquals(slots.size(), new java.util.HashSet<>(slots).size(), "no slot posted twice: " + slots);
    }

    /** The slot of each scheduled summary posted, from its "scheduled for <!date^EPOCH...>" footer. */
    static List<String> summaries(JsonNode state) {
        List<String> slots = new ArrayList<>();
        for (JsonNode c : posts(state, "C0LABSUM")) {
            String text = c.get("blockText").asText();
            int at = text.indexOf("scheduled for <!date^");
            if (text.contains("Health summary") && at >= 0) {
                slots.add(text.substring(at + 21, text.indexOf('^', at + 21)));
            }
        }
        return slots;
    }
}
