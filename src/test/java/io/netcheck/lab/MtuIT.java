package io.netcheck.lab;

import static io.netcheck.lab.CliRun.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Path MTU black holes, for real: with {@code netlab.sh mtu-blackhole} the router's link to the client
 * carries 1280 bytes, the client keeps 1500, and the router's "fragmentation needed" is dropped. TCP
 * handshakes and small answers pass; the 100 KiB {@code /big} stalls. The VIP checklist, the http command
 * and the mtu command must blame the network and name the size that passes and the one that does not.
 */
class MtuIT {
    static final String VIP = LabNetwork.VIP_HAPROXY + ":80";
    static final String BACKENDS = LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80";
    static LabNetwork lab;

    @BeforeAll
    static void up() {
        lab = LabNetwork.up("bm1", 2);
        lab.run("haproxy", "http", "--check");
        awaitBig();
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void fullSizePacketsPass() {
        lab.run("mtu-clear");
    }

    static CliRun netcheck(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return CliRun.of(lab.netcheck(Duration.ofSeconds(60), all.toArray(String[]::new)));
    }

    /** HAProxy's health checks have marked the servers up: /big comes through the VIP whole. */
    static void awaitBig() {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            last = lab.curl(Duration.ofSeconds(5), "-o", "/dev/null", "-w", "%{http_code} %{size_download}", "-m",
                    "3", "http://" + VIP + "/big").stdout();
            if (last.equals("200 102400")) {
                return;
            }
            VipChecklistIT.sleep(100);
        }
        fail("/big never came through the VIP (last: " + last + ")");
    }

    static JsonNode substep(JsonNode step, String name) {
        for (JsonNode s : step.get("substeps")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no sub-step " + name + " in " + step.toPrettyString());
    }

    static String fact(JsonNode step, String label) {
        for (JsonNode f : step.get("facts")) {
            if (f.get("label").asText().equals(label)) {
                return f.get("value").asText();
            }
        }
        return "";
    }

    static List<String> lines(JsonNode step) {
        List<String> out = new ArrayList<>();
        step.get("packets").forEach(p -> out.add(p.asText()));
        return out;
    }

    static boolean hasStep(CliRun run, String name) {
        return StreamSupport.stream(run.json().get("steps").spliterator(), false)
                .anyMatch(s -> s.get("name").asText().equals(name));
    }

    @Test
    void vipWithABlackHoleOnThePathBlamesTheNetworkAndNamesBothSizes() throws Exception {
        lab.run("mtu-blackhole");
        CliRun run = netcheck("vip", VIP, "--path", "/big", "--backends", BACKENDS, "--timeout", "2s");
        expect(run, "ROUTING", "network", 1);
        assertEquals("path-mtu-black-hole", run.json().at("/verdict/rule").asText(), run::describe);
        String verdict = run.json().at("/verdict/summary").asText() + " " + run.json().at("/verdict/explanation")
                .asText();
        assertTrue(verdict.contains("1280-byte packets pass") && verdict.contains("1281-byte packets are lost"),
                run::describe);
        // The request went out and the answer stalled: no response, or a head whose body stalled.
        String vipState = run.json().at("/evidence/vip/state").asText();
        assertTrue(vipState.equals("NO_RESPONSE") || vipState.equals("BODY_STALLED"), run::describe);
        assertTrue(run.packets("reach").stream().anyMatch(l -> l.contains("Flags [S.]")), "the handshake passed");

        JsonNode mtu = run.step("path-mtu");
        assertEquals("FAIL", mtu.get("status").asText());
        assertEquals("BLACK_HOLE", mtu.get("outcome").asText());
        JsonNode towardsVip = substep(mtu, LabNetwork.VIP_HAPROXY);
        assertTrue(fact(towardsVip, "path MTU").startsWith("1280 bytes"), towardsVip::toPrettyString);
        assertEquals("lost (no reply, no ICMP error)", fact(towardsVip, "1281 bytes"), towardsVip::toPrettyString);
        List<String> echoes = lines(towardsVip);
        assertTrue(echoes.stream().anyMatch(l -> l.contains("IP 198.51.100.2 > 203.0.113.10: ICMP echo request")
                && l.endsWith("length 1480")), "the 1500-byte probes are in the report: " + echoes);
        assertTrue(echoes.stream().anyMatch(l -> l.contains("IP 203.0.113.10 > 198.51.100.2: ICMP echo reply")
                && l.endsWith("length 1260")), "and the 1280-byte answers: " + echoes);
        assertFalse(echoes.stream().anyMatch(l -> l.contains("need to frag")), "no router says so: " + echoes);
        assertEquals("BLACK_HOLE", substep(mtu, LabNetwork.backend(1)).get("outcome").asText());

        // The .pcap holds exactly the packets the report shows, the follow-up's echoes included.
        Path pcap = Path.of(run.json().get("pcap").asText());
        LabNetwork.Result read = lab.exec("client", Duration.ofSeconds(10), "tcpdump", "-nn", "-r", pcap.toString());
        assertEquals(0, read.exit(), read::toString);
        long shown = StreamSupport.stream(run.json().get("steps").spliterator(), false)
                .mapToLong(s -> s.get("packets").size() + StreamSupport.stream(s.get("substeps").spliterator(), false)
                        .mapToLong(x -> x.get("packets").size()).sum()).sum();
        assertEquals(shown, read.stdout().lines().count(), read.stdout());
        assertTrue(read.stdout().contains("ICMP echo request, id "), read.stdout());
        Files.deleteIfExists(pcap);
    }

    @Test
    void theMtuCommandFindsTheBlackHole() throws Exception {
        lab.run("mtu-blackhole");
        CliRun run = netcheck("mtu", LabNetwork.VIP_HAPROXY);
        expect(run, "ROUTING", "network", 1);
        assertEquals("mtu-black-hole", run.json().at("/verdict/rule").asText());
        assertEquals("BLACK_HOLE", run.step("mtu").get("outcome").asText());
        assertTrue(run.fact("mtu", "path MTU").startsWith("1280 bytes (black hole above: 1281 bytes"), run::describe);
        assertTrue(run.fact("mtu", "1280 bytes").startsWith("answered in "), run::describe);
        assertEquals("lost (no reply, no ICMP error)", run.fact("mtu", "1500 bytes"), run::describe);
        assertTrue(run.json().at("/verdict/summary").asText().contains(
                "1280-byte packets pass, 1281-byte packets are lost without any ICMP fragmentation needed"),
                run::describe);
        assertTrue(run.packets("mtu").stream().noneMatch(l -> l.contains("echo reply") && l.endsWith("length 1480")),
                run::describe);
        Files.deleteIfExists(Path.of(run.json().get("pcap").asText()));
    }

    @Test
    void theHttpCommandBlamesTheNetworkToo() {
        lab.run("mtu-blackhole");
        CliRun run = netcheck("http", "http://" + LabNetwork.backend(1) + "/big", "--timeout", "2s");
        expect(run, "ROUTING", "network", 1);
        assertEquals("http-path-mtu-black-hole", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("BLACK_HOLE", run.step("path-mtu").get("outcome").asText());
    }

    @Test
    void withoutTheBlackHoleBigIsHealthyAndTheMtuIsFullSize() throws Exception {
        CliRun vip = netcheck("vip", VIP, "--path", "/big", "--backends", BACKENDS, "--timeout", "2s");
        expect(vip, "HEALTHY", "none", 0);
        assertFalse(hasStep(vip, "path-mtu"), "no follow-up when nothing stalled: " + vip.describe());
        assertTrue(fact(vip.step("layer"), "body").startsWith("65536 bytes read"), vip::describe);
        Files.deleteIfExists(Path.of(vip.json().get("pcap").asText()));

        CliRun mtu = netcheck("mtu", LabNetwork.VIP_HAPROXY);
        expect(mtu, "HEALTHY", "none", 0);
        assertEquals("mtu-full-size", mtu.json().at("/verdict/rule").asText());
        assertEquals("PMTU 1500", mtu.step("mtu").get("outcome").asText());
        assertTrue(mtu.packets("mtu").stream().anyMatch(l -> l.contains("IP 203.0.113.10 > 198.51.100.2: ICMP echo "
                + "reply") && l.endsWith("length 1480")), mtu::describe);
        Files.deleteIfExists(Path.of(mtu.json().get("pcap").asText()));
    }

    @Test
    void aSmallerLinkThatSaysSoIsHealthyWithItsMtu() throws Exception {
        lab.run("mtu-narrow", "--mtu", "1400");
        CliRun run = netcheck("mtu", LabNetwork.VIP_HAPROXY);
        expect(run, "HEALTHY", "none", 0);
        assertEquals("mtu-frag-needed", run.json().at("/verdict/rule").asText());
        assertEquals("PMTU 1400", run.step("mtu").get("outcome").asText());
        assertEquals("ICMP fragmentation needed (type 3 code 4, next-hop MTU 1400) from "
                + LabNetwork.ROUTER_CLIENT_SIDE, run.fact("mtu", "1500 bytes"), run::describe);
        assertTrue(run.packets("mtu").stream().anyMatch(l -> l.contains("IP 198.51.100.1 > 198.51.100.2: ICMP "
                + "203.0.113.10 unreachable - need to frag (mtu 1400)")), run::describe);
        Files.deleteIfExists(Path.of(run.json().get("pcap").asText()));
    }
}
