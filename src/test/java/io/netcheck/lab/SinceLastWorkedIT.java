package io.netcheck.lab;

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
 * "What changed since it last worked", end to end: the packaged app with two watches on the lab, each healthy
 * first; then the VIP's DNS record is pointed at an address where nothing listens, and the TLS proxy's
 * certificate is replaced by an expired one. Each outage alert's first line names its change.
 */
class SinceLastWorkedIT {
    static final int APP_PORT = 18081;
    static final String CHANNEL = "C0DFOPS";
    static LabNetwork lab;
    static LabSlack slack;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("df1", 1);
        lab.run("nginx-proxy");
        lab.run("dns-record", "app", LabNetwork.VIP_NGINX);
        String ca = lab.run("tls-proxy", "--ca", "--name", "proxy.lab.test").stdout().strip();
        // One result changes a watch's state: the first healthy run is the baseline, the first failing one
        // alerts (debouncing has its own tests).
        slack = new LabSlack(lab, APP_PORT, "since-lab", List.of("-Dnetcheck.watch.tick=1s",
                "-Dnetcheck.watch.min-every=2s", "-Dnetcheck.watch.confirm=1", "-Dnetcheck.tls.ca-bundle=" + ca), Map.of());
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
        return slack.curl("http://127.0.0.1:" + APP_PORT + "/q/metrics").lines()
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

    static JsonNode awaitRecorded(String what, Duration timeout, Predicate<JsonNode> done) throws Exception {
        return slack.awaitRecorded(what, timeout, done, s -> alerts(s).toString());
    }

    /** A signed slash command in the channel. */
    static void command(String text) throws Exception {
        slack.command(CHANNEL, text);
    }
}
