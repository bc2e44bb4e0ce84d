package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack flow in HTTP mode, end to end: signed slash commands exactly as Slack sends them, against the
 * fake Web API, with real probes and a real capture on loopback.
 */
@QuarkusTest
@WithTestResource(SlackTestResource.class)
class SlackHttpModeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);
    static LoopbackTargets targets;

    @TestHTTPResource("/slack/events")
    URL events;

    @jakarta.inject.Inject
    io.netcheck.store.WatchStore store;

    @jakarta.inject.Inject
    SlackBot bot;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTargets() throws Exception {
        targets = new LoopbackTargets();
    }

    @AfterAll
    static void stopTargets() {
        targets.close();
    }

    @BeforeEach
    void reset() {
        SlackTestResource.fake.reset();
    }

    @AfterEach
    void drain() throws InterruptedException {
        fake().awaitQuiet(Duration.ofMillis(700), WAIT);
    }

    FakeSlack fake() {
        return SlackTestResource.fake;
    }

    Map<String, String> command(String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T0FAKE");
        form.put("team_domain", "fake");
        form.put("channel_id", "C0INCIDENT");
        form.put("channel_name", "inc-4711");
        form.put("user_id", "U0ONCALL");
        form.put("user_name", "oncall");
        form.put("command", "/netcheck");
        form.put("text", text);
        form.put("api_app_id", "A0FAKE");
        form.put("response_url", fake().responseUrl(UUID.randomUUID().toString()));
        form.put("trigger_id", UUID.randomUUID().toString());
        return form;
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    HttpResponse<String> post(String body, long timestamp, String signature, Map<String, String> extra)
            throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        extra.forEach(req::header);
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> signed(Map<String, String> form) throws Exception {
        return signed(form, Map.of());
    }

    HttpResponse<String> signed(Map<String, String> form, Map<String, String> extra) throws Exception {
        String body = encode(form);
        long now = System.currentTimeMillis() / 1000;
        return post(body, now, SlackSigner.sign(SlackTestResource.SIGNING_SECRET, now, body), extra);
    }

    String vipCommand() {
        return "vip " + targets.vip() + " --backends " + targets.vip() + "," + targets.closed() + " --timeout 2s";
    }

    @Test
    void fullRunPostsCardThreadPcapAndBroadcastVerdict() throws Exception {
        HttpResponse<String> ack = signed(command(vipCommand()));
        assertEquals(200, ack.statusCode(), ack.body());
        JsonNode ackJson = JSON.readTree(ack.body());
        assertEquals("ephemeral", ackJson.get("response_type").asText());
        assertTrue(ackJson.get("text").asText().contains("Checking"), ack.body());

        fake().await("the broadcast verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        List<FakeSlack.Call> posts = fake().accepted("chat.postMessage");
        FakeSlack.Call root = posts.get(0);
        assertEquals("C0INCIDENT", root.param("channel"));
        assertTrue(root.param("thread_ts") == null, "the root is not in a thread");
        // Every other message is in the root's thread.
        String threadTs = posts.get(1).param("thread_ts");
        assertTrue(threadTs != null && !threadTs.isEmpty());
        posts.subList(1, posts.size()).forEach(p -> assertEquals(threadTs, p.param("thread_ts")));

        // The card was edited in place and ends with the verdict and the Run again button.
        List<FakeSlack.Call> updates = fake().accepted("chat.update");
        assertFalse(updates.isEmpty());
        updates.forEach(u -> assertEquals(threadTs, u.param("ts")));
        String last = updates.get(updates.size() - 1).blockText();
        assertTrue(last.contains("DEGRADED"), last);
        assertTrue(last.contains(SlackBlocks.RERUN_ACTION), last);

        // Thread replies carry the packet lines; the verdict reply mentions the owning team's group.
        String thread = posts.stream().map(FakeSlack.Call::blockText).collect(Collectors.joining("\n"));
        assertTrue(thread.contains("Flags [S]") && thread.contains("Flags [S.]"), thread);
        assertTrue(thread.contains("Flags [R.]"), "the closed backend's RST: " + thread);
        FakeSlack.Call verdict = posts.get(posts.size() - 1);
        assertTrue(verdict.flag("reply_broadcast"));
        assertTrue(verdict.blockText().contains("<!subteam^S0SERVERS>"), verdict.blockText());

        // The .pcap went into the same thread.
        FakeSlack.Call complete = fake().accepted("files.completeUploadExternal").get(0);
        assertEquals(threadTs, complete.param("thread_ts"));
        assertEquals("C0INCIDENT", complete.param("channel_id"));
        byte[] pcap = fake().uploads().get(0).bytes();
        assertEquals(0xd4, pcap[0] & 0xff, "pcap magic (little-endian a1b2c3d4)");
        assertEquals(0xc3, pcap[1] & 0xff);
        assertTrue(fake().responseUrlPosts().isEmpty(), "nothing needed the fallback");
    }

    @Test
    void badOrStaleSignaturesAre401AndRunNothing() throws Exception {
        String body = encode(command(vipCommand()));
        long now = System.currentTimeMillis() / 1000;
        assertEquals(401, post(body, now, SlackSigner.sign("wrong-secret", now, body), Map.of()).statusCode());
        assertEquals(401, post(body, now, "v0=deadbeef", Map.of()).statusCode());
        long future = now + 10 * 60;
        assertEquals(401, post(body, future, SlackSigner.sign(SlackTestResource.SIGNING_SECRET, future, body),
                Map.of()).statusCode(), "a future timestamp would keep a captured request replayable");
        long stale = now - 6 * 60;
        assertEquals(401, post(body, stale, SlackSigner.sign(SlackTestResource.SIGNING_SECRET, stale, body),
                Map.of()).statusCode());
        // Body changed after signing (a replayed signature on another command).
        String other = encode(command("vip 127.0.0.1:1"));
        assertEquals(401, post(other, now, SlackSigner.sign(SlackTestResource.SIGNING_SECRET, now, body), Map.of())
                .statusCode());
        assertTrue(bot.awaitIdle(WAIT), "every run handed over has finished");
        assertTrue(fake().calls("chat.postMessage").isEmpty(), "nothing ran");
    }

    @Test
    void badInputGetsASpecificEphemeralErrorAndRunsNothing() throws Exception {
        HttpResponse<String> ack = signed(command("vip 10.0.0.5"));
        assertEquals(200, ack.statusCode());
        JsonNode json = JSON.readTree(ack.body());
        assertEquals("ephemeral", json.get("response_type").asText());
        assertTrue(json.get("text").asText().contains("missing port"), ack.body());
        assertTrue(ack.body().contains("usage: vip HOST:PORT"), ack.body());
        HttpResponse<String> unknown = signed(command("frobnicate"));
        assertTrue(JSON.readTree(unknown.body()).get("text").asText().contains("unknown command 'frobnicate'"),
                unknown.body());
        HttpResponse<String> pcap = signed(command("vip 127.0.0.1:80 --pcap /etc/passwd"));
        assertTrue(JSON.readTree(pcap.body()).get("text").asText().contains("--pcap is a CLI option"), pcap.body());
        assertTrue(bot.awaitIdle(WAIT), "every run handed over has finished");
        assertTrue(fake().calls("chat.postMessage").isEmpty());
        assertTrue(scrape().contains("netcheck_slack_rejected_total{reason=\"policy\"}"), "counted by its kind");
    }

    @Test
    void singleProbeCommandsRunTheSameWay() throws Exception {
        HttpResponse<String> ack = signed(command("tcp " + targets.closed() + " --timeout 1s"));
        assertTrue(JSON.readTree(ack.body()).get("text").asText().contains("Checking"), ack.body());
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        String thread = fake().accepted("chat.postMessage").stream().map(FakeSlack.Call::blockText)
                .collect(Collectors.joining("\n"));
        assertTrue(thread.contains("Flags [R.]"), "the RST of the closed port is in the thread: " + thread);
        assertTrue(fake().accepted("chat.update").stream().anyMatch(c -> c.blockText().contains("netcheck tcp")));
        HttpResponse<String> pcap = signed(command("tcp " + targets.vip() + " --pcap=/etc/cron.d/x"));
        assertTrue(JSON.readTree(pcap.body()).get("text").asText().contains("--pcap is a CLI option"), pcap.body());
    }

    @Test
    void compareKeepsAHealthyResultInTheStoreAndSaysWhenThereIsNothingToCompareWith() throws Exception {
        HttpResponse<String> ack = signed(command("tcp " + targets.vip() + " --timeout 1s --compare"));
        assertTrue(JSON.readTree(ack.body()).get("text").asText().contains("Checking"), ack.body());
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        String thread = fake().accepted("chat.postMessage").stream().map(FakeSlack.Call::blockText)
                .collect(Collectors.joining("\n"));
        assertTrue(thread.contains("What changed since it last worked?") && thread.contains("KEPT"), thread);
        assertTrue(store.lastHealthyReport("tcp " + targets.vip()).isPresent(), "kept in the store for watches too");
        fake().awaitQuiet(Duration.ofMillis(700), WAIT);
        fake().reset();
        signed(command("tcp " + targets.closed() + " --timeout 1s --compare"));
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        String second = fake().accepted("chat.postMessage").stream().map(FakeSlack.Call::blockText)
                .collect(Collectors.joining("\n"));
        assertTrue(second.contains("NO_BASELINE"), second);
    }

    @Test
    void fromAnAgentThatIsNotConnectedSaysSoOnTheCard() throws Exception {
        HttpResponse<String> ack = signed(command("tcp " + targets.closed() + " --from lb-q"));
        assertTrue(JSON.readTree(ack.body()).get("text").asText().contains("Checking"), ack.body());
        fake().await("the card says no agent", WAIT, f -> f.accepted("chat.update").stream()
                .anyMatch(c -> c.blockText().contains("no agent 'lb-q' is connected; no agents are connected")));
        HttpResponse<String> agents = signed(command("agents"));
        assertTrue(JSON.readTree(agents.body()).get("text").asText().contains("No netcheck agents are connected"),
                agents.body());
        HttpResponse<String> listen = signed(command("listen 18099 --from lb-q"));
        assertTrue(JSON.readTree(listen.body()).get("text").asText().contains("--from runs vip, tcp"), listen.body());
    }

    @Test
    void metadataAddressIsRefusedNamingTheRuleAndNothingRuns() throws Exception {
        HttpResponse<String> ack = signed(command("vip 169.254.169.254:80 --backends " + targets.vip()));
        String text = JSON.readTree(ack.body()).get("text").asText();
        assertTrue(text.contains("refused by the target policy")
                && text.contains("169.254.169.254 is in 169.254.0.0/16 (netcheck.policy.builtin-deny)"), ack.body());
        assertTrue(bot.awaitIdle(WAIT), "every run handed over has finished");
        assertTrue(fake().calls("chat.postMessage").isEmpty());
    }

    @Test
    void oneUserCannotFillTheQueue() throws Exception {
        String slow = "vip " + targets.silentTarget() + " --timeout 2s";
        assertTrue(signed(command(slow)).body().contains("Checking"));
        assertTrue(signed(command(slow)).body().contains("Checking"));
        HttpResponse<String> third = signed(command(slow));
        assertTrue(JSON.readTree(third.body()).get("text").asText().contains("you already have 2 checks"),
                third.body());
        assertTrue(scrape().contains("netcheck_slack_rejected_total{reason=\"per_user\"}"), "counted by its kind");
        Map<String, String> other = command(slow);
        other.put("user_id", "U0SOMEONEELSE");
        assertTrue(signed(other).body().contains("Checking"), "other users are not held up");
        fake().await("the three runs", WAIT, f -> f.accepted("chat.postMessage").stream()
                .filter(c -> c.flag("reply_broadcast")).count() >= 3);
    }

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void metricsAndHealthDescribeWhatHappened() throws Exception {
        signed(command(vipCommand()));
        signed(command("vip 10.0.0.5"));
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        String scraped = http.send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(scraped.contains("netcheck_checks_total{cause=\"DEGRADED\",command=\"vip\",team=\"server\"}"),
                scraped.lines().filter(l -> l.startsWith("netcheck_")).toList().toString());
        assertTrue(scraped.contains("netcheck_slack_api_calls_total{method=\"chat.postMessage\",outcome=\"ok\"}"));
        assertTrue(scraped.contains("netcheck_slack_rejected_total{reason=\"input\"}"));
        assertTrue(scraped.contains("netcheck_slack_queue_depth") && scraped.contains("netcheck_probe_duration_seconds"));
        String health = http.send(HttpRequest.newBuilder(URI.create(ready.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(health.contains("\"packet-capture\"") && health.contains("\"available\""), health);
        assertTrue(health.contains("\"slack\""), health);
    }

    @Test
    void secretsNeverReachLogsOrMessages() throws Exception {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.addHandler(handler);
        root.setLevel(java.util.logging.Level.ALL);
        try {
            signed(command(vipCommand()));
            fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                    .anyMatch(c -> c.flag("reply_broadcast")));
            fake().slackErrorNext("chat.postMessage", "not_in_channel");
            signed(command(vipCommand()));
            fake().await("the fallback", WAIT, f -> !f.responseUrlPosts().isEmpty());
            String body = encode(command(vipCommand()));
            long now = System.currentTimeMillis() / 1000;
            post(body, now, SlackSigner.sign("wrong", now, body), Map.of());
            fake().awaitQuiet(Duration.ofMillis(500), WAIT);
        } finally {
            root.removeHandler(handler);
            root.setLevel(level);
        }
        String everything = String.join("\n", logged) + fake().calls().stream()
                .map(c -> c.params().toString()).collect(Collectors.joining("\n")) + fake().responseUrlPosts();
        assertFalse(logged.isEmpty(), "the handler saw the run's logging");
        assertFalse(everything.contains(FakeSlack.BOT_TOKEN), "bot token leaked");
        assertFalse(everything.contains(SlackTestResource.SIGNING_SECRET), "signing secret leaked");
    }

    @Test
    void listenIsClosedUntilGrantedAndRestrictedCommandsNameWhatIsMissing() throws Exception {
        String listen = JSON.readTree(signed(command("listen 18099 --for 1s")).body()).get("text").asText();
        assertTrue(listen.contains("`listen` is not enabled for Slack") && listen.contains("netcheck.auth.listen"), listen);

        Map<String, String> wrongPerson = command("trace " + targets.vip());
        wrongPerson.put("channel_id", "C0NETOPS");
        String who = JSON.readTree(signed(wrongPerson).body()).get("text").asText();
        assertTrue(who.contains("needs you to be in <!subteam^S0NETOPS>"), who);

        Map<String, String> wrongPlace = command("trace " + targets.vip());
        wrongPlace.put("user_id", "U0NETLEAD");
        String where = JSON.readTree(signed(wrongPlace).body()).get("text").asText();
        assertTrue(where.contains("may only be run in <#C0NETOPS>"), where);

        Map<String, String> granted = command("trace " + targets.vip());
        granted.put("user_id", "U0NETLEAD");
        granted.put("channel_id", "C0NETOPS");
        assertTrue(signed(granted).body().contains("Checking"), "a member of the group, in the channel");
        assertEquals(1, fake().calls("usergroups.users.list").size(), "membership is cached");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        HttpResponse<String> ack = signed(command("help"));
        assertTrue(ack.body().contains("vip HOST:PORT") && ack.body().contains("examples"), ack.body());
        assertTrue(JSON.readTree(ack.body()).get("response_type").asText().equals("ephemeral"));
    }

    @Test
    void rateLimitedPostWaitsForRetryAfterAndPostsOnce() throws Exception {
        fake().rateLimitNext("chat.postMessage", 1);
        long t0 = System.nanoTime();
        signed(command(vipCommand()));
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        List<FakeSlack.Call> roots = fake().calls("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") == null).toList();
        assertEquals(2, roots.size(), "one 429, then one accepted root");
        assertEquals(429, roots.get(0).status());
        assertEquals(1, fake().accepted("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null).count());
        assertTrue(System.nanoTime() - t0 >= Duration.ofSeconds(1).toNanos(), "waited for Retry-After");
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        fake().serverErrorNext("chat.update");
        fake().serverErrorNext("chat.update");
        signed(command(vipCommand()));
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        assertTrue(fake().accepted("chat.update").stream().anyMatch(c -> c.blockText().contains("DEGRADED")),
                "the final card got through after two 500s");
    }

    @Test
    void notInChannelFallsBackToResponseUrlWithInviteHint() throws Exception {
        fake().slackErrorNext("chat.postMessage", "not_in_channel");
        signed(command(vipCommand()));
        fake().await("the response_url fallback", WAIT, f -> !f.responseUrlPosts().isEmpty());
        JsonNode posted = fake().responseUrlPosts().get(0);
        assertEquals("ephemeral", posted.get("response_type").asText());
        assertTrue(posted.get("text").asText().contains("/invite @netcheck"), posted.toString());
        assertTrue(posted.toString().contains("DEGRADED"), "the verdict is not lost: " + posted);
        assertTrue(fake().accepted("chat.update").isEmpty());
    }

    @Test
    void aRetriedDeliveryRunsOnce() throws Exception {
        Map<String, String> form = command(vipCommand());
        assertEquals(200, signed(form).statusCode());
        assertEquals(200, signed(form, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                .statusCode());
        assertEquals(200, signed(form).statusCode(), "same trigger_id again");
        fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        assertTrue(bot.awaitIdle(WAIT), "every run handed over has finished");
        assertEquals(1, fake().accepted("chat.postMessage").stream().filter(c -> c.param("thread_ts") == null).count());
    }

    @Test
    void runAgainButtonStartsANewRun() throws Exception {
        String payload = JSON.writeValueAsString(Map.of(
                "type", "block_actions",
                "team", Map.of("id", "T0FAKE", "domain", "fake"),
                "user", Map.of("id", "U0ONCALL", "name", "oncall"),
                "api_app_id", "A0FAKE",
                "token", "legacy",
                "trigger_id", UUID.randomUUID().toString(),
                "channel", Map.of("id", "C0INCIDENT", "name", "inc-4711"),
                "response_url", fake().responseUrl("button"),
                "actions", List.of(Map.of("type", "button", "action_id", SlackBlocks.RERUN_ACTION,
                        "block_id", "b1", "value", vipCommand(), "action_ts", "1700000001.000100"))));
        String body = "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> ack = post(body, now, SlackSigner.sign(SlackTestResource.SIGNING_SECRET, now, body),
                Map.of());
        assertEquals(200, ack.statusCode(), ack.body());
        fake().await("a new root message", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.param("thread_ts") == null));
    }

    /** Records what is logged on one category while {@code body} runs. */
    static List<String> logged(String category, ThrowingRunnable body) throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
        logger.addHandler(handler);
        try {
            body.run();
        } finally {
            logger.removeHandler(handler);
        }
        return lines;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void theAuditLineOfAFinishedRunNamesTheAddressesTheTargetsResolvedTo() throws Exception {
        // Names, not literals: the audit must say where the packets went, which the typed target does not.
        int port = targets.server.getAddress().getPort();
        String text = "vip localhost:" + port + " --backends localhost:" + port + "," + targets.closed()
                + " --timeout 2s";
        List<String> lines = logged("netcheck.audit", () -> {
            assertTrue(signed(command(text)).body().contains("Checking"));
            fake().await("the verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                    .anyMatch(c -> c.flag("reply_broadcast")));
        });
        List<JsonNode> finished = new java.util.ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            if ("finished".equals(node.path("event").asText()) && text.equals(node.path("command").asText())) {
                finished.add(node);
            }
        }
        assertEquals(1, finished.size(), "one finished line for the run: " + lines);
        JsonNode line = finished.get(0);
        assertEquals("localhost:" + port, line.get("target").asText(), line.toString());
        assertEquals(List.of("127.0.0.1"), JSON.convertValue(line.get("resolved"), List.class),
                "the loopback address the names resolved to and that was probed, once: " + line);
        assertEquals("DEGRADED", line.get("cause").asText(), line.toString());
        assertEquals("U0ONCALL", line.get("user").asText());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"decision\":\"accepted\"") && l.contains(text)), lines.toString());
    }

    @Test
    void aStepReplyThatHangsPastTheTimeoutIsRetriedAndTheThreadEndsCompleteWithNothingTwice() throws Exception {
        // The first step reply gets no answer; Slack holds it far longer than the bot's limit (and longer than
        // the Slack client's own 10 s read default), so only the configured timeout can end the wait in time.
        Duration hold = Duration.ofSeconds(15);
        fake().hangNext("chat.postMessage", hold, p -> p.get("thread_ts") != null
                && !"true".equals(p.get("reply_broadcast")));
        String metricsBefore = scrape();
        long t0 = System.nanoTime();
        assertTrue(signed(command(vipCommand())).body().contains("Checking"));
        fake().await("the broadcast verdict", WAIT, f -> f.accepted("chat.postMessage").stream()
                .anyMatch(c -> c.flag("reply_broadcast")));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        fake().awaitQuiet(Duration.ofMillis(700), WAIT);

        List<FakeSlack.Call> posts = fake().calls("chat.postMessage");
        List<FakeSlack.Call> hung = posts.stream().filter(c -> c.status() == FakeSlack.NO_ANSWER).toList();
        assertEquals(1, hung.size(), "exactly one post was held: " + posts);
        // One root card, posted once: the run carried on, it did not start over.
        List<FakeSlack.Call> roots = posts.stream().filter(c -> c.param("thread_ts") == null).toList();
        assertEquals(1, roots.size(), "one root card: " + roots);
        assertEquals(200, roots.get(0).status());
        String threadTs = hung.get(0).param("thread_ts");

        // The thread, as Slack holds it: the three step replies in order, each once, then the verdict once.
        List<FakeSlack.Call> thread = fake().accepted("chat.postMessage").stream()
                .filter(c -> c.param("thread_ts") != null).toList();
        thread.forEach(c -> assertEquals(threadTs, c.param("thread_ts")));
        List<String> texts = thread.stream().map(c -> c.param("text")).toList();
        assertEquals(4, thread.size(), "three step replies and the verdict: " + texts);
        for (int i = 0; i < 3; i++) {
            assertFalse(thread.get(i).flag("reply_broadcast"), texts.toString());
            assertTrue(texts.get(i).startsWith((i + 1) + ". "), "step " + (i + 1) + " in its place: " + texts);
        }
        assertEquals(3, texts.subList(0, 3).stream().distinct().count(), "no step reply twice: " + texts);
        assertEquals(hung.get(0).param("text"), texts.get(0), "the held reply is the one retried, before step 2");
        assertTrue(thread.get(3).flag("reply_broadcast"), "the verdict is last and broadcast: " + texts);
        assertEquals(1, thread.stream().filter(c -> c.flag("reply_broadcast")).count());

        // The .pcap went into the same thread, once.
        List<FakeSlack.Call> pcapUploads = fake().accepted("files.getUploadURLExternal").stream()
                .filter(c -> String.valueOf(c.param("filename")).endsWith(".pcap")).toList();
        assertEquals(1, pcapUploads.size(), fake().calls().stream().map(FakeSlack.Call::method).toList().toString());
        List<FakeSlack.Call> completes = fake().accepted("files.completeUploadExternal").stream()
                .filter(c -> String.valueOf(c.param("files")).contains("Packet capture")).toList();
        assertEquals(1, completes.size(), fake().accepted("files.completeUploadExternal").toString());
        assertEquals(threadTs, completes.get(0).param("thread_ts"));
        assertEquals(1, fake().uploads().stream().filter(u -> u.bytes().length > 24 && (u.bytes()[0] & 0xff) == 0xd4)
                .count(), "one pcap file");
        assertTrue(fake().responseUrlPosts().isEmpty(), "nothing was reported as lost: " + fake().responseUrlPosts());

        // The bot, not the fake, ended the wait, at its configured limit.
        FakeSlack.Call retry = thread.get(0);
        Duration waited = Duration.ofNanos(retry.atNanos() - hung.get(0).atNanos());
        assertTrue(waited.compareTo(SlackTestResource.HTTP_TIMEOUT.minusMillis(100)) >= 0, "retried after " + waited);
        assertTrue(waited.compareTo(Duration.ofSeconds(8)) < 0, "retried after " + waited + ", not at the configured "
                + SlackTestResource.HTTP_TIMEOUT + " timeout");
        assertTrue(took.compareTo(hold) < 0, "the run finished in " + took + ", before the fake let go");
        assertTrue(ioErrors(scrape()) > ioErrors(metricsBefore), "counted as io_error");
    }

    String scrape() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static double ioErrors(String scraped) {
        return scraped.lines().filter(l -> l.startsWith("netcheck_slack_api_calls_total{")
                && l.contains("method=\"chat.postMessage\"") && l.contains("outcome=\"io_error\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
