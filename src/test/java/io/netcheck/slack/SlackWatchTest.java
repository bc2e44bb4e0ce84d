package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.schedule.ShiftableClock;
import io.netcheck.schedule.WatchScheduler;
import io.netcheck.schedule.WatchTime;
import io.netcheck.store.Health;
import io.netcheck.store.SummarySchedule;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchStore;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches, summaries and incident posting through Slack, against the fake Web API, with real TCP checks on
 * loopback and the schedule clock driven by the test.
 */
@QuarkusTest
@WithTestResource(SlackTestResource.class)
class SlackWatchTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String OPS = "C0OPS";

    @TestHTTPResource("/slack/events")
    URL events;
    @Inject
    WatchScheduler scheduler;
    @Inject
    WatchStore store;
    @Inject
    @WatchTime
    Clock watchClock;

    final HttpClient http = HttpClient.newHttpClient();
    ServerSocket listener;

    ShiftableClock clock() {
        return (ShiftableClock) watchClock;
    }

    FakeSlack fake() {
        return SlackTestResource.fake;
    }

    @BeforeEach
    void clean() throws Exception {
        fake().reset();
        for (Watch w : store.watches()) {
            store.remove(w.id());
        }
        for (SummarySchedule s : store.schedules()) {
            store.unschedule(s.channel());
        }
        clock().set(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @AfterEach
    void release() throws Exception {
        scheduler.awaitIdle(WAIT);
        fake().awaitQuiet(Duration.ofMillis(500), WAIT);
        clock().release();
        if (listener != null) {
            listener.close();
        }
    }

    HttpResponse<String> command(String channel, String text) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team_id", "T0FAKE");
        form.put("channel_id", channel);
        form.put("user_id", "U0ONCALL");
        form.put("command", "/netcheck");
        form.put("text", text);
        form.put("response_url", fake().responseUrl(UUID.randomUUID().toString()));
        form.put("trigger_id", UUID.randomUUID().toString());
        return signed(SlackHttpModeTest.encode(form));
    }

    HttpResponse<String> signed(String body) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        HttpRequest req = HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(now))
                .header("X-Slack-Signature", SlackSigner.sign(SlackTestResource.SIGNING_SECRET, now, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    HttpResponse<String> button(String actionId, String blockId, Map<String, Object> extra) throws Exception {
        Map<String, Object> action = new LinkedHashMap<>(Map.of("action_id", actionId, "block_id", blockId,
                "action_ts", "1700000001.000100"));
        action.putAll(extra);
        String payload = JSON.writeValueAsString(Map.of("type", "block_actions",
                "team", Map.of("id", "T0FAKE", "domain", "fake"), "user", Map.of("id", "U0ONCALL", "name", "oncall"),
                "api_app_id", "A0FAKE", "token", "legacy", "trigger_id", UUID.randomUUID().toString(),
                "channel", Map.of("id", OPS, "name", "ops"), "response_url", fake().responseUrl("button"),
                "actions", List.of(action)));
        return signed("payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
    }

    /** Top-level messages posted in a channel. */
    List<FakeSlack.Call> roots(String channel) {
        return fake().accepted("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
                && c.param("thread_ts") == null).toList();
    }

    List<FakeSlack.Call> replies(String channel, String threadTs) {
        return fake().accepted("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))
                && threadTs.equals(c.param("thread_ts"))).toList();
    }

    String lastResponse() {
        List<JsonNode> posts = fake().responseUrlPosts();
        return posts.isEmpty() ? "" : posts.get(posts.size() - 1).toString();
    }

    int openListener(int port) throws Exception {
        listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return listener.getLocalPort();
    }

    /** Moves the clock, ticks, and waits until the runs and summary posts it started have finished. */
    WatchScheduler.Tick tickAt(Instant at) throws Exception {
        clock().set(at);
        WatchScheduler.Tick tick = scheduler.tick();
        assertTrue(scheduler.awaitIdle(WAIT), "watch runs finished");
        return tick;
    }

    @Test
    void watchAddListRemoveAndMistakes() throws Exception {
        command(OPS, "watch add tcp 127.0.0.1:9 --every 2m --name web");
        fake().await("the channel is told", WAIT, f -> roots(OPS).stream()
                .anyMatch(c -> c.blockText().contains("added the watch *web*")));
        Watch web = store.find(OPS, "web").orElseThrow();
        assertEquals("tcp 127.0.0.1:9", web.command());
        assertEquals(Duration.ofMinutes(2), web.every());
        assertEquals("U0ONCALL", web.createdBy());

        command(OPS, "watch list");
        fake().await("the list, privately", WAIT, f -> lastResponse().contains("web") && lastResponse().contains("every 2m"));

        command(OPS, "watch add tcp 127.0.0.1:10 --name web");
        fake().await("a duplicate name is refused", WAIT, f -> lastResponse().contains("already has a watch named"));
        assertEquals("tcp 127.0.0.1:9", store.find(OPS, "web").orElseThrow().command(), "unchanged");

        assertTrue(command(OPS, "watch add listen 8080").body().contains("cannot be watched"));
        assertTrue(command(OPS, "watch add tcp 127.0.0.1:9 --every 5s").body().contains("out of range"));
        assertTrue(command(OPS, "watch add tcp 169.254.169.254:80").body().contains("target policy"));
        assertTrue(command(OPS, "watch add tcp 127.0.0.1:9 --to C0INC").body().contains("--to goes on a check"));

        command(OPS, "watch remove nope");
        fake().await("unknown name", WAIT, f -> lastResponse().contains("no watch named"));
        command(OPS, "watch remove web");
        fake().await("removal announced", WAIT, f -> roots(OPS).stream()
                .anyMatch(c -> c.blockText().contains("removed the watch *web*")));
        assertTrue(store.find(OPS, "web").isEmpty());
    }

    @Test
    void aBrokenThenRepairedTargetIsAnnouncedOnceWithEvidenceAndRecoversInTheSameThreads() throws Exception {
        int port = openListener(0);
        command(OPS, "watch add tcp 127.0.0.1:" + port + " --timeout 1s --every 1m --name svc");
        fake().await("added", WAIT, f -> roots(OPS).size() == 1);
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        tickAt(t);
        tickAt(t.plusSeconds(60));
        assertEquals(Health.HEALTHY, store.find(OPS, "svc").orElseThrow().state().state());
        assertEquals(1, roots(OPS).size(), "healthy watches are quiet");

        listener.close(); // broken: connections refused
        tickAt(t.plusSeconds(120));
        assertEquals(1, roots(OPS).size(), "one failure is not an outage yet");
        tickAt(t.plusSeconds(180));
        fake().await("the outage", WAIT, f -> roots(OPS).size() == 2 && roots("C0INC").size() == 1);
        FakeSlack.Call alert = roots(OPS).get(1);
        assertTrue(alert.blockText().contains("svc") && alert.blockText().contains("DOWN"), alert.blockText());
        assertTrue(alert.blockText().contains("Server/application team"), alert.blockText());
        assertTrue(alert.blockText().contains(SlackBlocks.INCIDENT_ACTION), "the alert can be posted elsewhere too");
        Watch down = store.find(OPS, "svc").orElseThrow();
        assertEquals(Health.UNHEALTHY, down.state().state());
        String[] threads = down.state().alertThreads().split(",");
        assertEquals(2, threads.length, down.state().alertThreads());
        String opsTs = threads[0].substring(threads[0].indexOf(':') + 1);
        String incTs = threads[1].substring(threads[1].indexOf(':') + 1);
        assertTrue(threads[1].startsWith("C0INC:"));
        fake().await("the evidence thread in both channels", WAIT, f -> !replies(OPS, opsTs).isEmpty()
                && !replies("C0INC", incTs).isEmpty());
        assertTrue(roots("C0INC").get(0).blockText().contains("alert in"), "links back to the watch channel");
        assertTrue(fake().accepted("files.completeUploadExternal").stream()
                .anyMatch(c -> opsTs.equals(c.param("thread_ts"))), "the .pcap is in the thread");

        tickAt(t.plusSeconds(240)); // still down: no second alert
        assertEquals(2, roots(OPS).size());

        openListener(port); // repaired
        tickAt(t.plusSeconds(300));
        tickAt(t.plusSeconds(360));
        fake().await("the recovery replies", WAIT, f -> replies(OPS, opsTs).stream()
                .anyMatch(c -> c.blockText().contains("recovered")) && replies("C0INC", incTs).stream()
                .anyMatch(c -> c.blockText().contains("recovered")));
        FakeSlack.Call recovery = replies(OPS, opsTs).stream().filter(c -> c.blockText().contains("recovered"))
                .findFirst().orElseThrow();
        assertTrue(recovery.blockText().contains("after 3 min"), recovery.blockText());
        assertTrue(recovery.flag("reply_broadcast"), "the channel sees the recovery too");
        assertEquals(2, roots(OPS).size(), "the recovery is a reply, not a new message");
        assertEquals(Health.HEALTHY, store.find(OPS, "svc").orElseThrow().state().state());
        assertEquals(null, store.find(OPS, "svc").orElseThrow().state().alertThreads());
    }

    @Test
    void watchesRunWhenDueAndNeverOverlapThemselves() throws Exception {
        int port = openListener(0);
        for (int i = 0; i < 6; i++) {
            store.add(OPS, "w" + i, "tcp 127.0.0.1:" + port + " --timeout 1s", Duration.ofMinutes(5), Watch.SLACK, "U",
                    Instant.parse("2026-11-23T08:00:00Z"));
        }
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        clock().set(t);
        var first = scheduler.tick();
        assertEquals(4, first.watchesStarted().size(), "new watches run at once, at most 4 at a time: "
                + first.watchesStarted());
        var second = scheduler.tick();
        assertTrue(second.watchesStarted().stream().noneMatch(first.watchesStarted()::contains),
                "a running watch is not started again: " + second.watchesStarted());
        assertTrue(scheduler.awaitIdle(WAIT));
        scheduler.tick();
        assertTrue(scheduler.awaitIdle(WAIT));
        assertTrue(store.watches(OPS).stream().allMatch(w -> w.lastRunAt() != null), "all six ran");
        assertEquals(List.of(), scheduler.tick().watchesStarted(), "none is due again within its interval");
        // Over the next interval each starts once, at its own moment (spread), never all at once.
        int started = 0;
        int busiest = 0;
        for (int s = 10; s <= 300; s += 10) {
            clock().set(t.plusSeconds(s));
            int n = scheduler.tick().watchesStarted().size();
            started += n;
            busiest = Math.max(busiest, n);
            scheduler.awaitIdle(WAIT);
        }
        assertEquals(6, started);
        assertTrue(busiest <= 3, "spread over the interval, at most " + busiest + " in one 10 s tick");
    }

    @Test
    void summaryOnDemandAndOncePerScheduledSlotAlsoWhenLate() throws Exception {
        int port = openListener(0);
        command(OPS, "watch add tcp 127.0.0.1:" + port + " --timeout 1s --every 1m --name api");
        command(OPS, "watch add tcp 127.0.0.1:9 --timeout 1s --every 1m --name legacy");
        fake().await("added", WAIT, f -> roots(OPS).size() == 2);
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        for (int m = 0; m < 3; m++) {
            tickAt(t.plusSeconds(60L * m));
        }
        fake().reset();
        command(OPS, "summary");
        fake().await("the summary", WAIT, f -> roots(OPS).stream().anyMatch(c -> c.blockText().contains("Health summary")));
        String text = roots(OPS).get(0).blockText();
        assertTrue(text.contains("1 of 2 watched targets down"), text);
        assertTrue(text.indexOf("legacy") < text.indexOf("api"), "problems first: " + text);
        assertTrue(text.contains(":large_green_square:") && text.contains(":large_red_square:"), text);
        assertTrue(text.contains("Server/application team"), text);

        fake().reset();
        command(OPS, "summary schedule \"0 9 * * *\"");
        fake().await("schedule confirmed", WAIT, f -> roots(OPS).stream().anyMatch(c -> c.blockText().contains("scheduled a health summary")));
        fake().reset();
        tickAt(Instant.parse("2026-11-23T08:59:30Z"));
        assertEquals(0, summaries(), "not before its time");
        tickAt(Instant.parse("2026-11-23T09:00:10Z"));
        fake().await("the 09:00 summary", WAIT, f -> summaries() == 1);
        assertEquals(List.of(), tickAt(Instant.parse("2026-11-23T09:00:40Z")).summariesStarted());
        assertEquals(List.of(), tickAt(Instant.parse("2026-11-23T09:30:00Z")).summariesStarted());
        assertEquals(1, summaries(), "once per slot");
        assertTrue(!roots(OPS).get(0).blockText().contains("posted late"));

        // Down over the next two 09:00 slots: the latest missed one is posted once, marked late.
        tickAt(Instant.parse("2026-11-25T15:00:00Z"));
        fake().await("the late summary", WAIT, f -> summaries() == 2);
        assertEquals(List.of(), tickAt(Instant.parse("2026-11-25T15:01:00Z")).summariesStarted());
        assertEquals(2, summaries(), "not once per missed slot");
        String late = roots(OPS).stream().filter(c -> c.blockText().contains("Health summary")).toList().get(1).blockText();
        assertTrue(late.contains("posted late"), late);

        command(OPS, "summary schedule off");
        fake().await("schedule removed", WAIT, f -> roots(OPS).stream().anyMatch(c -> c.blockText().contains("stopped")));
        assertTrue(store.schedules().isEmpty());
    }

    @TestHTTPResource("/q/metrics")
    URL metrics;
    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Test
    void metricsAndReadinessShowWatchStatesAndTheStore() throws Exception {
        int port = openListener(0);
        store.add(OPS, "up", "tcp 127.0.0.1:" + port + " --timeout 1s", Duration.ofMinutes(1), Watch.SLACK, "U",
                Instant.parse("2026-11-23T08:00:00Z"));
        store.add(OPS, "down", "tcp 127.0.0.1:9 --timeout 1s", Duration.ofMinutes(1), Watch.SLACK, "U",
                Instant.parse("2026-11-23T08:00:00Z"));
        Instant t = Instant.parse("2026-11-23T08:00:00Z");
        tickAt(t);
        tickAt(t.plusSeconds(60));
        tickAt(t.plusSeconds(120)); // the states are counted at the start of a tick
        String scraped = http.send(HttpRequest.newBuilder(URI.create(metrics.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> lines = scraped.lines().filter(l -> l.startsWith("netcheck_watch") || l.startsWith("netcheck_store"))
                .toList();
        assertTrue(lines.contains("netcheck_watches{state=\"healthy\"} 1.0"), lines.toString());
        assertTrue(lines.contains("netcheck_watches{state=\"unhealthy\"} 1.0"), lines.toString());
        assertTrue(lines.contains("netcheck_store_up 1.0"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("netcheck_watch_runs_total{outcome=\"unhealthy\"}")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("netcheck_watch_changes_total{change=\"down\"}")),
                lines.toString());
        String health = http.send(HttpRequest.newBuilder(URI.create(ready.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(health.contains("\"store\"") && health.contains("jdbc:h2:mem:netcheck-test"), health);
    }

    long summaries() {
        return roots(OPS).stream().filter(c -> c.blockText().contains("Health summary")).count();
    }

    @Test
    void toPostsTheEvidenceIntoTheIncidentChannelWithALinkBack() throws Exception {
        int port = openListener(0);
        String ack = command(OPS, "tcp 127.0.0.1:" + port + " --to <#C0INC4711|inc-4711>").body();
        assertTrue(ack.contains("Checking"), ack);
        fake().await("the incident channel's copy", WAIT, f -> roots("C0INC4711").size() == 1
                && !replies("C0INC4711", ts(roots("C0INC4711").get(0))).isEmpty());
        FakeSlack.Call root = roots("C0INC4711").get(0);
        assertTrue(root.blockText().contains("https://fake.slack.test/archives/" + OPS), root.blockText());
        assertEquals(1, roots(OPS).size(), "and the usual card where it was typed");
        assertTrue(command(OPS, "tcp 127.0.0.1:9 --to #nowhere").body().contains("autocomplete"));
    }

    /** The ts the fake gave a root message: the thread replies under it say. */
    String ts(FakeSlack.Call root) {
        return fake().accepted("chat.postMessage").stream().filter(c -> root.param("channel").equals(c.param("channel"))
                && c.param("thread_ts") != null).map(c -> c.param("thread_ts")).findFirst().orElse("none");
    }

    @Test
    void theButtonAsksWhichChannelAndPostsThere() throws Exception {
        int port = openListener(0);
        command(OPS, "tcp 127.0.0.1:" + port);
        fake().await("the final card", WAIT, f -> f.accepted("chat.update").stream()
                .anyMatch(c -> c.blockText().contains(SlackBlocks.INCIDENT_ACTION)));
        FakeSlack.Call card = fake().accepted("chat.update").stream()
                .filter(c -> c.blockText().contains(SlackBlocks.INCIDENT_ACTION)).findFirst().orElseThrow();
        String runId = null;
        for (JsonNode b : JSON.readTree(card.param("blocks"))) {
            for (JsonNode e : b.path("elements")) {
                if (SlackBlocks.INCIDENT_ACTION.equals(e.path("action_id").asText())) {
                    runId = e.path("value").asText();
                }
            }
        }
        assertNotNull(runId);
        var shared = store.kept(runId, Instant.EPOCH, Duration.ofHours(24)).orElseThrow(
                () -> new AssertionError("not kept in the store, where the other replicas look"));
        assertTrue(shared.reportJson().contains("tcp 127.0.0.1:" + port), shared.reportJson());
        button(SlackBlocks.INCIDENT_ACTION, "b1", Map.of("type", "button", "value", runId));
        fake().await("the channel picker", WAIT, f -> lastResponse().contains(SlackBlocks.INCIDENT_CHANNEL_ACTION));
        button(SlackBlocks.INCIDENT_CHANNEL_ACTION, "incident:" + runId,
                Map.of("type", "conversations_select", "selected_conversation", "C0INC9"));
        fake().await("posted to the chosen channel", WAIT, f -> roots("C0INC9").size() == 1
                && lastResponse().contains("posted to"));
        assertTrue(roots("C0INC9").get(0).blockText().contains("netcheck evidence"));

        button(SlackBlocks.INCIDENT_ACTION, "b1", Map.of("type", "button", "value", "no-such-run"));
        fake().await("an unknown report", WAIT, f -> lastResponse().contains("no longer kept"));
    }
}
