package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * "What changed since it last worked", end to end: the packaged app with two watches on the lab, each healthy
 * first; then the VIP's DNS record is pointed at an address where nothing listens, and the TLS proxy's
 * certificate is replaced by an expired one. Each outage alert's first line names its change.
 */
class SinceLastWorkedIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "lab-signing-secret";
    static final int APP_PORT = 18081;
    static final String CHANNEL = "C0DFOPS";
    static LabNetwork lab;
    static Process fake;
    static Process app;
    static int fakePort;
    static Path storeDir;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("df1", 1);
        lab.run("nginx-proxy");
        lab.run("dns-record", "app", LabNetwork.VIP_NGINX);
        String ca = lab.run("tls-proxy", "--ca", "--name", "proxy.lab.test").stdout().strip();
        storeDir = Files.createTempDirectory("netcheck-df-store");
        Path jar = Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath();
        Path target = jar.getParent().getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("quarkus-app/lib/boot/*").toString(), target.resolve("quarkus-app/lib/main/*").toString());
        fake = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java,
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", cp,
                "io.netcheck.slack.FakeSlackServer").redirectError(new File("target/since-lab-fake.log")).start();
        String first = new BufferedReader(new InputStreamReader(fake.getInputStream())).readLine();
        assertTrue(first != null && first.startsWith("port="), "fake Slack did not start: " + first);
        fakePort = Integer.parseInt(first.substring(5));
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java,
                // One result changes a watch's state: the first healthy run is the baseline, the first failing
                // one alerts (debouncing has its own tests).
                "-Dnetcheck.watch.tick=1s", "-Dnetcheck.watch.min-every=2s", "-Dnetcheck.watch.confirm=1",
                "-Dnetcheck.tls.ca-bundle=" + ca,
                "-jar", jar.toString(), "serve");
        pb.environment().put("SLACK_BOT_TOKEN", "xoxb-test-bot-token");
        pb.environment().put("SLACK_SIGNING_SECRET", SECRET);
        pb.environment().put("SLACK_API_URL", "http://127.0.0.1:" + fakePort + "/api/");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(APP_PORT));
        pb.environment().put("NETCHECK_CAPTURE_DIRECTORY", "/tmp/netcheck-df-lab");
        pb.environment().put("NETCHECK_STORE_URL", "jdbc:h2:file:" + storeDir.resolve("netcheck"));
        app = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                new File("target/since-lab-app.log"))).start();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + APP_PORT + "/q/health/ready")
                .equals("200")) {
            if (System.nanoTime() > until || !app.isAlive()) {
                fail("app not ready; see target/since-lab-app.log");
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
            try (var files = Files.walk(storeDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void eachAlertsFirstLineNamesWhatChangedSinceItLastWorked() throws Exception {
        command("watch add vip app.lab.test:80 --timeout 1s --every 2s --name app");
        command("watch add vip proxy.lab.test:443 --tls --timeout 1s --every 2s --name shop");
        // Both healthy: their reports are the baselines.
        awaitRecorded("both watches healthy", Duration.ofSeconds(30), s -> healthyWatches() >= 2);

        lab.run("dns-record", "app", "203.0.113.99"); // nothing holds that address
        lab.run("tls-proxy", "--ca", "--name", "proxy.lab.test", "--expired");
        JsonNode down = awaitRecorded("both outages", Duration.ofSeconds(40), s -> alerts(s).size() >= 2);
        List<String> firstLines = alerts(down).stream().map(t -> t.lines().findFirst().orElse("")).toList();
        alerts(down).forEach(a -> System.out.println("alert: " + a));
        assertTrue(firstLines.stream().anyMatch(l -> l.startsWith("netcheck: watch app is DOWN since it last worked at ")
                && l.endsWith(": app.lab.test resolves to 203.0.113.99, was " + LabNetwork.VIP_NGINX)), firstLines::toString);
        assertTrue(firstLines.stream().anyMatch(l -> l.startsWith("netcheck: watch shop is DOWN since it last worked at ")
                && l.contains(": the certificate of proxy.lab.test:443 changed: valid until ")
                && l.contains("serial ")), firstLines::toString);
        // The thread (with the report's steps) is posted after the alert that opens it: wait for it.
        JsonNode threads = awaitRecorded("the threads under both alerts", Duration.ofSeconds(20),
                s -> s.get("calls").toString().split("What changed since it last worked\\?", -1).length > 2);
        assertTrue(threads.get("calls").toString().contains("What changed since it last worked?"),
                "the thread carries the full diff");
    }

    /** Watches confirmed healthy, from the app's gauge (healthy watches post nothing). */
    static int healthyWatches() {
        return curl("http://127.0.0.1:" + APP_PORT + "/q/metrics").lines()
                .filter(l -> l.startsWith("netcheck_watches{") && l.contains("state=\"healthy\""))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }

    /** The root text of each outage alert in the channel. */
    static List<String> alerts(JsonNode state) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : state.get("calls")) {
            if (c.get("method").asText().equals("chat.postMessage") && c.get("status").asInt() == 200
                    && c.at("/params/channel").asText().equals(CHANNEL)
                    && (c.at("/params/thread_ts").isMissingNode() || c.at("/params/thread_ts").isNull())
                    && c.at("/params/text").asText().contains(" is DOWN")) {
                out.add(c.at("/params/text").asText());
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
                fail("timed out waiting for " + what + ": " + alerts(state) + "; see target/since-lab-app.log");
            }
            Thread.sleep(250);
            state = recorded();
        }
        return state;
    }

    static JsonNode recorded() throws Exception {
        return JSON.readTree(curl("http://127.0.0.1:" + fakePort + "/_calls"));
    }

    static String curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--noproxy", "*", "-m", "10"));
        cmd.addAll(List.of(args));
        return lab.exec("client", Duration.ofSeconds(15), cmd.toArray(String[]::new)).stdout();
    }

    /** A signed slash command in the channel. */
    static void command(String text) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "t");
        form.put("team_id", "T0FAKE");
        form.put("channel_id", CHANNEL);
        form.put("user_id", "U0ONCALL");
        form.put("command", "/netcheck");
        form.put("text", text);
        form.put("response_url", "http://127.0.0.1:" + fakePort + "/response/" + UUID.randomUUID());
        form.put("trigger_id", UUID.randomUUID().toString());
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        long ts = System.currentTimeMillis() / 1000;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body)
                .getBytes(StandardCharsets.UTF_8)));
        curl("-X", "POST", "http://127.0.0.1:" + APP_PORT + "/slack/events",
                "-H", "Content-Type: application/x-www-form-urlencoded", "-H", "X-Slack-Request-Timestamp: " + ts,
                "-H", "X-Slack-Signature: " + sig, "--data-binary", body);
    }
}
