package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
    static final int APP_PORT = 18080;
    static LabNetwork lab;
    static LabSlack slack;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("sk", 2);
        // Watch intervals of seconds so a broken and repaired target takes seconds, not minutes.
        slack = new LabSlack(lab, APP_PORT, "slack-lab", List.of("-Dnetcheck.team.server.slack-group=S0SERVERS",
                "-Dnetcheck.watch.tick=1s", "-Dnetcheck.watch.min-every=2s", "-Dnetcheck.summary.min-interval=10s",
                "-Dnetcheck.watch.incident-channel=C0LABINC"), Map.of());
        slack.startApp();
    }

    @AfterAll
    static void down() throws Exception {
        if (slack != null) {
            slack.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    /** The HAProxy VIP and its two real servers, as typed after "vip". */
    static String haproxyVip() {
        return LabNetwork.VIP_HAPROXY + ":80 --backends " + LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80";
    }

    /** A signed slash command from a channel; returns the ack body. */
    static String command(String channel, String text) throws Exception {
        return slack.command(channel, text);
    }

    /** Accepted chat.postMessage calls to a channel, in order. */
    static List<JsonNode> posts(JsonNode state, String channel) {
        return SlackCalls.posts(state, channel);
    }

    static JsonNode awaitRecorded(String what, Duration timeout, Predicate<JsonNode> done) throws Exception {
        return slack.awaitRecorded(what, timeout, done, JsonNode::toPrettyString);
    }

    static JsonNode recorded() throws Exception {
        return slack.recorded();
    }

    static boolean isRoot(JsonNode call) {
        return SlackCalls.isRoot(call);
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

        slack.stopApp(); // a graceful stop, as a pod being replaced
        slack.startApp();
        String list = "http://127.0.0.1:" + slack.fakePort() + "/response/";
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
