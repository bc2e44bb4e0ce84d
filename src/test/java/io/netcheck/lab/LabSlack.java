package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The packaged app in Slack HTTP mode and the fake Slack Web API, both in a lab's client namespace: what the
 * Slack lab ITs share. The app's watch store is an H2 file that outlives the process, so a test can restart
 * it. {@link #close()} stops both processes and deletes the store; the lab itself belongs to the test.
 */
final class LabSlack implements AutoCloseable {
    static final String SECRET = "lab-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LabNetwork lab;
    private final int appPort;
    private final String name;
    private final List<String> appOptions;
    private final Map<String, String> appEnv;
    private final Path storeDir;
    private final Process fake;
    private final int fakePort;
    private Process app;

    /**
     * @param name       log files are target/{name}-app.log and target/{name}-fake.log
     * @param appOptions JVM options (-D...) for the app, before -jar
     * @param appEnv     extra environment for the app
     */
    LabSlack(LabNetwork lab, int appPort, String name, List<String> appOptions, Map<String, String> appEnv)
            throws IOException {
        this.lab = lab;
        this.appPort = appPort;
        this.name = name;
        this.appOptions = List.copyOf(appOptions);
        this.appEnv = Map.copyOf(appEnv);
        this.storeDir = Files.createTempDirectory("netcheck-" + name + "-store");
        Path target = jar().getParent().getParent();
        String cp = String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("quarkus-app/lib/boot/*").toString(), target.resolve("quarkus-app/lib/main/*").toString());
        fake = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java(),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", cp,
                "io.netcheck.slack.FakeSlackServer").redirectError(new File("target/" + name + "-fake.log")).start();
        String first = new BufferedReader(new InputStreamReader(fake.getInputStream())).readLine();
        assertTrue(first != null && first.startsWith("port="), "fake Slack did not start: " + first);
        fakePort = Integer.parseInt(first.substring(5));
    }

    int fakePort() {
        return fakePort;
    }

    /** Starts the app and waits until it is ready. */
    void startApp() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace("client"), java()));
        cmd.addAll(appOptions);
        cmd.addAll(List.of("-jar", jar().toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SLACK_BOT_TOKEN", "xoxb-test-bot-token");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", "http://127.0.0.1:" + fakePort + "/api/");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(appPort));
        env.put("NETCHECK_CAPTURE_DIRECTORY", "/tmp/netcheck-" + name);
        env.put("NETCHECK_STORE_URL", "jdbc:h2:file:" + storeDir.resolve("netcheck"));
        env.putAll(appEnv);
        app = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                new File("target/" + name + "-app.log"))).start();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!curl("-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + appPort + "/q/health/ready")
                .equals("200")) {
            if (System.nanoTime() > until || !app.isAlive()) {
                fail("app not ready; see target/" + name + "-app.log");
            }
            Thread.sleep(200);
        }
    }

    /** A graceful stop, as a pod being replaced. */
    void stopApp() throws InterruptedException {
        app.destroy();
        assertTrue(app.waitFor(60, TimeUnit.SECONDS), "the app did not stop within 60 s");
    }

    /** A signed slash command from a channel; returns the ack body. */
    String command(String channel, String text) throws Exception {
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
        return curl("-X", "POST", "http://127.0.0.1:" + appPort + "/slack/events",
                "-H", "Content-Type: application/x-www-form-urlencoded", "-H", "X-Slack-Request-Timestamp: " + ts,
                "-H", "X-Slack-Signature: " + sign(ts, body), "--data-binary", body);
    }

    /** Every Web API call the fake Slack recorded. */
    JsonNode recorded() throws IOException {
        return JSON.readTree(curl("http://127.0.0.1:" + fakePort + "/_calls"));
    }

    /** Polls the recorded calls until {@code done}; fails with {@code describe} of the last state. */
    JsonNode awaitRecorded(String what, Duration timeout, Predicate<JsonNode> done,
                           java.util.function.Function<JsonNode, String> describe) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        JsonNode state = recorded();
        while (!done.test(state)) {
            if (System.nanoTime() > until) {
                fail("timed out waiting for " + what + ": " + describe.apply(state) + "; see target/" + name
                        + "-app.log");
            }
            Thread.sleep(250);
            state = recorded();
        }
        return state;
    }

    /** curl inside the client namespace (the app and the fake listen there). */
    String curl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--noproxy", "*", "-m", "10"));
        cmd.addAll(List.of(args));
        return lab.exec("client", Duration.ofSeconds(15), cmd.toArray(String[]::new)).stdout();
    }

    private static String sign(long ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static Path jar() {
        return Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws Exception {
        for (Process p : new Process[] {app, fake}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
        try (var files = Files.walk(storeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
