package io.netcheck.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcheck.lab.SlackCalls;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.store.ThrowawayPostgres;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Several packaged app instances on one throwaway PostgreSQL, all in Slack HTTP mode against one fake Slack Web API:
 * what ReplicasIT and the replicas benchmark share. Everything listens on loopback: the instances on
 * {@code firstPort + i}, PostgreSQL on {@code pgPort}. Instances are started and SIGKILLed by their own pid.
 * {@link #close()} stops them all, the fake and the database.
 */
final class Replicas implements AutoCloseable {
    static final String SECRET = "replicas-signing-secret";
    static final String DATABASE = "netcheck";
    static final String USER = "netcheck_app";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    private final int firstPort;
    private final List<String> options;
    private final Map<String, String> extraEnv;
    private final String password = "pg-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(9));
    private final ThrowawayPostgres pg;
    private final Process fake;
    private final int fakePort;
    private final Process[] apps;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param count   instances (started by {@link #start(int)})
     * @param options the app's JVM options (-D...), the same for every instance
     */
    Replicas(String name, int count, int firstPort, int pgPort, List<String> options) throws Exception {
        this(name, count, firstPort, pgPort, options, Map.of());
    }

    /** @param env more environment for every instance (secrets such as NETCHECK_API_TOKEN, env-only) */
    Replicas(String name, int count, int firstPort, int pgPort, List<String> options, Map<String, String> env)
            throws Exception {
        this.name = name;
        this.firstPort = firstPort;
        this.options = List.copyOf(options);
        this.extraEnv = Map.copyOf(env);
        this.apps = new Process[count];
        this.pg = ThrowawayPostgres.start(DATABASE, USER, password, pgPort);
        try {
            this.fake = startFake();
        } catch (Exception | Error e) {
            pg.close();
            throw e;
        }
        String first = new BufferedReader(new InputStreamReader(fake.getInputStream())).readLine();
        check(first != null && first.startsWith("port="), "fake Slack did not start: " + first);
        fakePort = Integer.parseInt(first.substring(5));
    }

    private Process startFake() throws IOException {
        Path target = jar().getParent().getParent();
        String cp = String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("quarkus-app/lib/boot/*").toString(), target.resolve("quarkus-app/lib/main/*").toString());
        return new ProcessBuilder(java(), "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", cp,
                "io.netcheck.slack.FakeSlackServer").redirectError(new File("target/" + name + "-fake.log")).start();
    }

    int size() {
        return apps.length;
    }

    int port(int i) {
        return firstPort + i;
    }

    long pid(int i) {
        return apps[i].pid();
    }

    boolean alive(int i) {
        return apps[i] != null && apps[i].isAlive();
    }

    /** Starts instance {@code i} and waits until it is ready (store migrated, clustered scheduler on). */
    void start(int i) throws Exception {
        // The client compiler only, as the chart runs it: three JVMs starting on two shared cores.
        List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(options);
        cmd.addAll(List.of("-jar", jar().toString(), "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("SLACK_BOT_TOKEN", "xoxb-test-bot-token");
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", "http://127.0.0.1:" + fakePort + "/api/");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port(i)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("NETCHECK_CAPTURE_DIRECTORY", "/tmp/netcheck-" + name + "-" + i);
        env.put("NETCHECK_STORE_URL", pg.jdbcUrl(DATABASE));
        env.put("NETCHECK_STORE_USERNAME", USER);
        env.put("NETCHECK_STORE_PASSWORD", password);
        env.putAll(extraEnv);
        apps[i] = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                new File("target/" + name + "-app" + i + ".log"))).start();
        // Generous: on a machine shared with other builds a start has taken a minute.
        long until = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (status(i, "/q/health/ready") != 200) {
            check(System.nanoTime() < until && apps[i].isAlive(),
                    "instance " + i + " not ready; see target/" + name + "-app" + i + ".log");
            Thread.sleep(200);
        }
    }

    /** SIGKILL, by the instance's pid: no shutdown hook, no goodbye to the cluster. */
    void kill(int i) throws InterruptedException {
        ProcessHandle.of(apps[i].pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL on Linux
        check(apps[i].waitFor(10, TimeUnit.SECONDS), "instance " + i + " survived SIGKILL");
    }

    /** A database connection as the app's user, for the test's own queries. */
    Connection db() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(DATABASE), USER, password);
    }

    /** The watches (ids) the instance with this pid is running right now, from Quartz's fired-trigger rows. */
    List<Long> executing(long pid) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("SELECT job_name FROM qrtz_fired_triggers "
                + "WHERE job_group = 'watch' AND state = 'EXECUTING' AND instance_name LIKE ?")) {
            s.setString(1, "%-" + pid + "-%"); // QuartzCluster.instanceId(): host-pid-start
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Long.parseLong(r.getString(1)));
                }
            }
        }
        return out;
    }

    /**
     * Whether Quartz still lists the instance with this pid in the cluster: another replica removes a dead one's row
     * when it recovers its jobs (the takeover).
     */
    boolean inCluster(long pid) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM qrtz_scheduler_state WHERE instance_name LIKE ?")) {
            s.setString(1, "%-" + pid + "-%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }
    }

    /** The start of a watch's first run after {@code t}, or null. */
    Instant firstRunAfter(long watchId, Instant t) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT MIN(at) FROM watch_result WHERE watch_id = ? AND at > ?")) {
            s.setLong(1, watchId);
            s.setLong(2, t.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long v = r.getLong(1);
                return r.wasNull() ? null : Instant.ofEpochMilli(v);
            }
        }
    }

    /** Watch runs that started in [from, to). */
    int runsBetween(Instant from, Instant to) throws SQLException {
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM watch_result WHERE at >= ? AND at < ?")) {
            s.setLong(1, from.toEpochMilli());
            s.setLong(2, to.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private int status(int i, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(i) + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Instance {@code i}'s Prometheus text. */
    String metrics(int i) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(i) + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A signed slash command from a channel; the same form posted twice is one delivery and a retry. */
    static Map<String, String> command(String channel, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "t");
        form.put("team_id", "T0FAKE");
        form.put("channel_id", channel);
        form.put("user_id", "U0ONCALL");
        form.put("command", "/netcheck");
        form.put("text", text);
        form.put("response_url", responseUrl);
        form.put("trigger_id", UUID.randomUUID().toString());
        return form;
    }

    String responseUrl() {
        return "http://127.0.0.1:" + fakePort + "/response/" + UUID.randomUUID();
    }

    /** Posts a form, signed, to instance {@code i}'s Slack endpoint; returns the HTTP status. */
    int deliver(int i, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        long ts = System.currentTimeMillis() / 1000;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(i) + "/slack/events"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(ts)).header("X-Slack-Signature", sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Every Web API call the fake Slack recorded. */
    JsonNode recorded() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fakePort + "/_calls"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The accepted chat.postMessage calls to a channel. */
    static List<JsonNode> posts(JsonNode state, String channel) {
        return SlackCalls.posts(state, channel);
    }

    static boolean isRoot(JsonNode call) {
        return SlackCalls.isRoot(call);
    }

    /** An assertion without JUnit: the benchmark runs this outside the test runner. */
    private static void check(boolean ok, String failure) {
        if (!ok) {
            throw new AssertionError(failure);
        }
    }

    private static String sign(long ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
    }

    static Path jar() {
        return Path.of(System.getProperty("netcheck.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws Exception {
        try {
            for (Process p : apps) {
                if (p != null && p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(40, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
            fake.destroy();
            fake.waitFor(10, TimeUnit.SECONDS);
        } finally {
            pg.close();
        }
    }
}
