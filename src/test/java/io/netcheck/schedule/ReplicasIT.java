package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three packaged instances on one throwaway PostgreSQL behind one (fake) Slack app: 30 watches every 10 s against HTTP
 * servers on loopback (answering after 600 ms, so runs are in flight at any time) and two summary schedules every 10 s.
 * One instance is SIGKILLed while it runs watches and later restarted. Checked from the store and what Slack got:
 * every due run ran exactly once outside the stated failover window (and never twice in one slot anywhere), the
 * watches the dead instance held were taken over within that window, each summary slot was posted once, an outage
 * spanning the kill was alerted once and recovered once, a Slack retry delivered to other instances started no second
 * run, and a button pressed on another instance worked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicasIT {
    static final int FIRST_PORT = 18300;
    static final int PG_PORT = 55431;
    static final int WATCHES = 30;
    static final int FLAKY = 3;
    static final Duration EVERY = Duration.ofSeconds(10);
    static final Duration CHECKIN = Duration.ofSeconds(5);
    /**
     * The stated failover (README): Quartz declares a replica dead when it is 7.5 s past a missed check-in; another
     * replica notices at its own next check-in.
     */
    static final Duration FAILOVER = CHECKIN.multipliedBy(2).plusMillis(7500);
    static final String OPS = "C0OPS";
    static final String SUMMARY_B = "C0SUMB";
    static final Pattern SLOT = Pattern.compile("scheduled for <!date\\^(\\d+)\\^");
    private static final ObjectMapper JSON = new ObjectMapper();

    HttpServer slow;
    HttpServer flaky;
    int flakyPort;
    Replicas replicas;

    @BeforeAll
    void start() throws Exception {
        slow = server(0);
        flaky = server(0);
        flakyPort = flaky.getAddress().getPort();
        List<String> options = new ArrayList<>(List.of(
                "-Dnetcheck.watch.tick=2s", "-Dnetcheck.watch.min-every=2s", "-Dnetcheck.summary.min-interval=10s",
                "-Dnetcheck.watch.cluster-checkin=" + CHECKIN.toSeconds() + "s",
                "-Dnetcheck.capture.enabled=false",
                // Each firing and what it did, in target/replicas-app*.log (for a failure's post-mortem).
                "-Dquarkus.log.category.\"io.netcheck.schedule.WatchScheduler\".level=DEBUG",
                // The targets live on loopback, which the default policy denies: deny metadata only.
                "-Dnetcheck.policy.builtin-deny=169.254.0.0/16,fd00:ec2::254/128",
                "-Dnetcheck.summaries[0].channel=" + OPS, "-Dnetcheck.summaries[0].cron=*/10 * * * * *",
                "-Dnetcheck.summaries[1].channel=" + SUMMARY_B, "-Dnetcheck.summaries[1].cron=5/10 * * * * *"));
        for (int i = 1; i <= WATCHES; i++) {
            int port = i <= FLAKY ? flakyPort : slow.getAddress().getPort();
            options.add("-Dnetcheck.watches." + name(i) + ".channel=" + OPS);
            options.add("-Dnetcheck.watches." + name(i) + ".command=http http://127.0.0.1:" + port + "/ --timeout 3s");
            options.add("-Dnetcheck.watches." + name(i) + ".every=" + EVERY.toSeconds() + "s");
        }
        replicas = new Replicas("replicas", 3, FIRST_PORT, PG_PORT, options);
        for (int i = 0; i < replicas.size(); i++) {
            replicas.start(i);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (replicas != null) {
                replicas.close();
            }
        } finally {
            slow.stop(0);
            flaky.stop(0);
        }
    }

    static String name(int i) {
        return String.format("w%02d", i);
    }

    /** Answers 200 after 600 ms: a run takes that long, so runs are in flight when an instance dies. */
    static HttpServer server(int port) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        s.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        s.createContext("/", ex -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "ok\n".getBytes();
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        s.start();
        return s;
    }

    @Test
    void everyDueRunOnceAcrossAKilledAndRestartedReplica() throws Exception {
        Instant begin = Instant.now();
        await("two results of every watch", Duration.ofSeconds(60), () -> results().size() == WATCHES
                && results().values().stream().allMatch(r -> r.size() >= 2));

        // A Slack retry delivered to the two other instances starts no second run.
        Map<String, String> form = Replicas.command("C0CMD", "http http://127.0.0.1:" + slow.getAddress().getPort()
                + "/ --timeout 3s", replicas.responseUrl());
        assertEquals(200, replicas.deliver(0, form, Map.of()));
        assertEquals(200, replicas.deliver(1, form, Map.of("X-Slack-Retry-Num", "1",
                "X-Slack-Retry-Reason", "http_timeout")));
        assertEquals(200, replicas.deliver(2, form, Map.of("X-Slack-Retry-Num", "2",
                "X-Slack-Retry-Reason", "http_timeout")));
        JsonNode ran = awaitSlack("the command's final card", s -> s.get("calls").findParents("method").stream()
                .anyMatch(c -> c.get("method").asText().equals("chat.update")
                        && c.at("/params/channel").asText().equals("C0CMD")));
        Thread.sleep(2000); // time for a second run to show, were there one
        ran = replicas.recorded();
        assertEquals(1, Replicas.posts(ran, "C0CMD").stream().filter(Replicas::isRoot).count(),
                "one run for one delivery and its retries: " + Replicas.posts(ran, "C0CMD"));

        // The report's "Post to incident channel", answered on another instance than the one that ran it.
        String runId = incidentButtonValue(ran, "C0CMD");
        Map<String, Object> payload = Map.of(
                "type", "block_actions",
                "team", Map.of("id", "T0FAKE", "domain", "fake"),
                "user", Map.of("id", "U0ONCALL", "name", "oncall"),
                "api_app_id", "A0FAKE", "token", "legacy",
                "trigger_id", java.util.UUID.randomUUID().toString(),
                "channel", Map.of("id", "C0CMD", "name", "ops"),
                "response_url", replicas.responseUrl(),
                "actions", List.of(Map.of("type", "conversations_select", "action_id", "netcheck_incident_channel",
                        "block_id", "incident:" + runId, "selected_conversation", "C0INC",
                        "action_ts", "1700000001.000100")));
        assertEquals(200, replicas.deliver(2, Map.of("payload", JSON.writeValueAsString(payload)), Map.of()));
        awaitSlack("the report posted to the incident channel by another instance",
                s -> Replicas.posts(s, "C0INC").stream().anyMatch(Replicas::isRoot));

        // An outage that spans the kill: alerted once, recovered once.
        flaky.stop(0);
        awaitSlack("the outage alerts", s -> alerts(s).size() == FLAKY);
        // ... and noted in the store (a replica killed between its Slack post and that write would alert again).
        await("the alerts noted in the store", Duration.ofSeconds(10), () -> announcedOutages() == FLAKY);

        // SIGKILL instance 1 while it runs watches.
        int victim = 1;
        List<Long> held = new ArrayList<>();
        await("instance 1 running watches", Duration.ofSeconds(30), () -> {
            held.clear();
            held.addAll(replicas.executing(replicas.pid(victim)));
            return !held.isEmpty();
        });
        long pid = replicas.pid(victim);
        replicas.kill(victim);
        Instant killedAt = Instant.now();
        System.out.printf("[ReplicasIT] SIGKILLed instance %d (pid %d) while it ran watches %s%n", victim, pid, held);

        // Another instance takes over what it held (Quartz drops the dead one from its cluster table as it recovers
        // its jobs) within the stated failover time, and runs those watches again.
        await("the dead instance's jobs taken over", FAILOVER.plusSeconds(10), () -> !replicas.inCluster(pid));
        long takeover = Duration.between(killedAt, Instant.now()).toMillis();
        await("the dead instance's watches run again", FAILOVER.plusSeconds(10), () -> {
            for (long id : held) {
                if (replicas.firstRunAfter(id, killedAt) == null) {
                    return false;
                }
            }
            return true;
        });
        long rerun = 0;
        for (long id : held) {
            rerun = Math.max(rerun, Duration.between(killedAt, replicas.firstRunAfter(id, killedAt)).toMillis());
        }
        System.out.printf("[ReplicasIT] failover: taken over %d ms after the kill (stated at most %d ms), its watches "
                + "ran again after %d ms%n", takeover, FAILOVER.toMillis(), rerun);
        assertTrue(takeover <= FAILOVER.toMillis() + 1000, "taken over in " + takeover + " ms");
        assertTrue(rerun <= FAILOVER.toMillis() + 2000, "its watches ran again after " + rerun + " ms");

        replicas.start(victim);
        Instant restarted = Instant.now();
        flaky = server(flakyPort);
        awaitSlack("the recoveries", s -> recoveries(s).size() >= FLAKY);
        awaitSlack("summaries after the restart", s -> summarySlots(s, OPS).stream()
                .anyMatch(t -> t.isAfter(restarted)) && summarySlots(s, SUMMARY_B).stream().anyMatch(t -> t.isAfter(restarted)));
        Thread.sleep(EVERY.toMillis() + 2000); // every watch runs again with all three up
        Instant end = Instant.now();

        // Exactly once per due run.
        Map<String, List<Instant>> results = results();
        Instant windowFrom = killedAt.minus(EVERY);
        Instant windowTo = killedAt.plus(FAILOVER);
        int checked = 0;
        for (var e : results.entrySet()) {
            Duration offset = Spread.offset(OPS + "/" + e.getKey(), EVERY);
            TreeMap<Instant, Integer> perSlot = new TreeMap<>();
            for (Instant at : e.getValue()) {
                perSlot.merge(Spread.latestSlot(at, EVERY, offset), 1, Integer::sum);
            }
            perSlot.forEach((slot, n) -> assertEquals(1, n, e.getKey() + ": slot " + slot + " ran " + n + " times "
                    + "(kill at " + killedAt + "; its runs " + e.getValue() + ")"));
            // From the first slot after all three were up: on a loaded 2-core machine a JVM starting next to the first
            // instance can hold a firing back longer than a slot (it then runs once, late, in the next one).
            Instant first = Spread.latestSlot(begin, EVERY, offset).plus(EVERY);
            for (Instant slot = first; slot.isBefore(end.minus(EVERY).minusSeconds(2)); slot = slot.plus(EVERY)) {
                boolean inWindow = !slot.isBefore(windowFrom) && slot.isBefore(windowTo);
                if (!inWindow) {
                    assertTrue(perSlot.containsKey(slot), e.getKey() + ": slot " + slot + " did not run (kill at "
                            + killedAt + "; its runs " + e.getValue() + ")");
                    checked++;
                }
            }
        }
        System.out.printf("[ReplicasIT] %d due slots checked over %d s, each run exactly once%n", checked,
                Duration.between(begin, end).toSeconds());

        JsonNode slack = replicas.recorded();
        // One alert and one recovery per outage; healthy watches stayed quiet.
        List<String> alerted = alerts(slack);
        assertEquals(FLAKY, alerted.size(), "one alert per flaky watch: " + alerted);
        assertEquals(FLAKY, new TreeSet<>(alerted).size(), alerted.toString());
        List<String> recovered = recoveries(slack);
        assertEquals(FLAKY, recovered.size(), "one recovery per flaky watch: " + recovered);
        assertEquals(FLAKY, new TreeSet<>(recovered).size(), recovered.toString());
        for (String w : alerted) {
            assertTrue(Integer.parseInt(w.substring(1)) <= FLAKY, "only the flaky watches alerted: " + alerted);
        }

        // Each summary slot posted once (a slot claimed by the dead instance may be posted late, still once).
        for (String channel : List.of(OPS, SUMMARY_B)) {
            List<Instant> slots = summarySlots(slack, channel);
            assertTrue(slots.size() >= 4, channel + ": " + slots);
            assertEquals(slots.size(), new TreeSet<>(slots).size(), channel + ": a slot posted twice: " + slots);
            // The store marks a slot posted just after Slack took it: compare the slots settled before the end.
            Instant settled = end.minusSeconds(5);
            assertEquals(postedSlots(channel).stream().filter(t -> t.isBefore(settled)).toList(),
                    new TreeSet<>(slots).stream().filter(t -> t.isBefore(settled)).toList(),
                    channel + ": what the store says was posted");
        }

        // The runs were spread over the instances: each live one ran watches.
        for (int i = 0; i < replicas.size(); i++) {
            double runs = runs(replicas.metrics(i));
            System.out.printf("[ReplicasIT] instance %d: %.0f watch runs%n", i, runs);
            assertTrue(runs > 0, "instance " + i + " ran no watch");
        }
    }

    // ---- reading the store and Slack ----

    /** Each watch's result times, by watch name. */
    Map<String, List<Instant>> results() throws Exception {
        Map<String, List<Instant>> out = new TreeMap<>();
        try (Connection c = replicas.db(); PreparedStatement s = c.prepareStatement(
                "SELECT w.name, r.at FROM watch w JOIN watch_result r ON r.watch_id = w.id ORDER BY r.at");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(Instant.ofEpochMilli(r.getLong(2)));
            }
        }
        return out;
    }

    /** How many watches have an open outage noted as posted. */
    int announcedOutages() throws Exception {
        try (Connection c = replicas.db(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM watch WHERE alert_threads IS NOT NULL"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    Set<Instant> postedSlots(String channel) throws Exception {
        Set<Instant> out = new TreeSet<>();
        try (Connection c = replicas.db(); PreparedStatement s = c.prepareStatement(
                "SELECT slot FROM summary_post WHERE channel = ? AND status = 'posted'")) {
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(Instant.ofEpochMilli(r.getLong(1)));
                }
            }
        }
        return out;
    }

    /** Names of the watches whose outage was posted (root messages), one entry per post. */
    static List<String> alerts(JsonNode state) {
        return watchPosts(state, c -> Replicas.isRoot(c) && c.get("blockText").asText().contains("is DOWN"));
    }

    static List<String> recoveries(JsonNode state) {
        return watchPosts(state, c -> !Replicas.isRoot(c) && c.get("blockText").asText().contains("recovered at"));
    }

    private static List<String> watchPosts(JsonNode state, Predicate<JsonNode> which) {
        Pattern name = Pattern.compile("Watch \\*(w\\d\\d)\\*");
        List<String> out = new ArrayList<>();
        for (JsonNode c : Replicas.posts(state, OPS)) {
            if (which.test(c)) {
                Matcher m = name.matcher(c.get("blockText").asText());
                out.add(m.find() ? m.group(1) : "?");
            }
        }
        return out;
    }

    static List<Instant> summarySlots(JsonNode state, String channel) {
        List<Instant> out = new ArrayList<>();
        for (JsonNode c : Replicas.posts(state, channel)) {
            String text = c.get("blockText").asText();
            Matcher m = SLOT.matcher(text);
            if (text.contains("Health summary") && m.find()) {
                out.add(Instant.ofEpochSecond(Long.parseLong(m.group(1))));
            }
        }
        return out;
    }

    /** The value of the "Post to incident channel" button on a channel's cards (the kept report's id). */
    static String incidentButtonValue(JsonNode state, String channel) throws Exception {
        for (JsonNode c : state.get("calls")) {
            String method = c.get("method").asText();
            if ((method.equals("chat.postMessage") || method.equals("chat.update"))
                    && c.at("/params/channel").asText().equals(channel) && c.at("/params/blocks").isTextual()) {
                for (JsonNode el : JSON.readTree(c.at("/params/blocks").asText()).findParents("action_id")) {
                    if ("netcheck_post_incident".equals(el.get("action_id").asText())) {
                        return el.get("value").asText();
                    }
                }
            }
        }
        fail("no 'Post to incident channel' button in " + channel + ": " + state.toPrettyString());
        return null;
    }

    static double runs(String prometheus) {
        double sum = 0;
        for (String line : prometheus.lines().toList()) {
            if (line.startsWith("netcheck_watch_runs_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    interface Condition {
        boolean met() throws Exception;
    }

    static void await(String what, Duration timeout, Condition done) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        while (!done.met()) {
            if (System.nanoTime() > until) {
                fail("timed out waiting for " + what + "; see target/replicas-app*.log");
            }
            Thread.sleep(200);
        }
    }

    JsonNode awaitSlack(String what, Predicate<JsonNode> done) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode state = replicas.recorded();
        while (!done.test(state)) {
            if (System.nanoTime() > until) {
                fail("timed out waiting for " + what + "; see target/replicas-app*.log\n" + summary(state));
            }
            Thread.sleep(250);
            state = replicas.recorded();
        }
        return state;
    }

    private static String summary(JsonNode state) {
        Map<String, Integer> perChannel = new HashMap<>();
        for (JsonNode c : state.get("calls")) {
            perChannel.merge(c.get("method").asText() + " " + c.at("/params/channel").asText(), 1, Integer::sum);
        }
        return perChannel.toString();
    }
}
