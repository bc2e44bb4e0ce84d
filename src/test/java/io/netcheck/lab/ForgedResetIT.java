package io.netcheck.lab;

import static io.netcheck.lab.CliRun.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A firewall that rejects with a TCP reset forges the RST in the target's name: {@code fw reject-rst} makes the
 * router (directly connected to the client, TTL 64) answer SYNs to 203.0.113.10:80 with an RST carrying
 * 203.0.113.10 as its source, while the lb host that owns the address answers its echo and its other ports from one
 * hop further (TTL 63). {@code tcp}, {@code tls}, {@code http} and {@code vip} must name the firewall, not the
 * server; an RST from the lb host itself is nothing listening.
 */
class ForgedResetIT {
    static final String VIP = LabNetwork.VIP_HAPROXY;
    static LabNetwork lab;

    @BeforeAll
    static void up() {
        lab = LabNetwork.up("cs1", 2);
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void cleanSlate() {
        lab.run("fw", "clear");
        lab.run("haproxy-stop");
        lab.run("tls-server-stop");
    }

    static CliRun netcheck(String... args) {
        List<String> all = new ArrayList<>(List.of("timeout", "-s", "QUIT", "-k", "5", "60",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty(LabNetwork.APP_JAR_PROPERTY)));
        all.addAll(List.of(args));
        all.add("--json");
        return CliRun.of(lab.exec("client", Duration.ofSeconds(90), all.toArray(String[]::new)));
    }

    static boolean any(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    static List<String> signals(CliRun run) {
        List<String> out = new ArrayList<>();
        run.json().at("/verdict/signals").forEach(s -> out.add(s.asText()));
        return out;
    }

    /** The forged RST on the wire, the lb host's own answers beside it, and all of them in the .pcap. */
    static void assertForged(CliRun run, JsonNode connect, int port) throws Exception {
        expect(run, "FIREWALL_REJECT", "firewall", 1);
        assertEquals("forged-reset", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("HIGH", run.json().at("/verdict/confidence").asText(), run::describe);
        List<String> signals = signals(run);
        assertEquals(2, signals.size(), run::describe);
        assertTrue(signals.get(0).startsWith("the RST on " + VIP + ":" + port + " (TTL 64, directly connected")
                && signals.get(0).contains("came from closer than the target host's own echo reply (TTL 63, "
                + "1 hop away)"), run::describe);
        assertTrue(signals.get(1).contains("came from closer than the target host's own RST on port 9 (TTL 63, "
                + "1 hop away)"), run::describe);
        assertEquals("REFUSED", connect.get("outcome").asText(), run::describe);
        List<String> packets = lines(connect.get("packets"));
        assertTrue(any(packets, "IP " + VIP + "." + port + " > 198.51.100.2.") && any(packets, "Flags [R.]"),
                run::describe);
        JsonNode host = connect.get("substeps").get(0);
        assertEquals("target-host", host.get("name").asText(), run::describe);
        assertEquals("MEASURED", host.get("outcome").asText(), run::describe);
        List<String> hostPackets = lines(host.get("packets"));
        assertTrue(any(hostPackets, "IP " + VIP + " > 198.51.100.2: ICMP echo reply"), run::describe);
        assertTrue(any(hostPackets, "IP " + VIP + ".9 > 198.51.100.2.") && any(hostPackets, "Flags [R.]"),
                run::describe);
        Path pcap = Path.of(run.json().get("pcap").asText());
        LabNetwork.Result read = lab.exec("client", Duration.ofSeconds(10), "tcpdump", "-nn", "-r", pcap.toString());
        assertEquals(packets.size() + hostPackets.size(), read.stdout().lines().count(), read.stdout());
        // The comparison can be redone from the file alone: the forged RST's TTL 64 beside the host's TTL 63.
        LabNetwork.Result verbose = lab.exec("client", Duration.ofSeconds(10), "tcpdump", "-nn", "-v", "-r",
                pcap.toString());
        assertTrue(verbose.stdout().contains("ttl 64") && verbose.stdout().contains("ttl 63"), verbose.stdout());
        Files.deleteIfExists(pcap);
    }

    static List<String> lines(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(l -> out.add(l.asText()));
        return out;
    }

    @Test
    void tcpThroughAFirewallThatForgesResetsNamesTheFirewallWhileHaproxyRuns() throws Exception {
        lab.run("haproxy", "http", "--check");
        lab.run("fw", "reject-rst");
        CliRun run = netcheck("tcp", VIP + ":80");
        assertForged(run, run.step("connect"), 80);
        assertTrue(run.fact("connect", "answered by").startsWith(VIP + ": RST (TTL 64, directly connected)"),
                run::describe);
    }

    @Test
    void tcpThroughAFirewallThatForgesResetsNamesTheFirewallWithHaproxyStopped() throws Exception {
        lab.run("fw", "reject-rst");
        CliRun run = netcheck("tcp", VIP + ":80");
        assertForged(run, run.step("connect"), 80);
    }

    @Test
    void anRstFromTheLbHostItselfIsNothingListeningWithTwoAgreeingMeasurements() throws Exception {
        CliRun run = netcheck("tcp", VIP + ":80");
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("nothing-listens", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("HIGH", run.json().at("/verdict/confidence").asText(), run::describe);
        List<String> signals = signals(run);
        assertEquals(2, signals.size(), run::describe);
        assertTrue(signals.get(0).contains("(TTL 63, 1 hop away") && signals.get(0).contains("matches the target "
                + "host's own echo reply (TTL 63"), run::describe);
        assertTrue(signals.get(1).contains("matches the target host's own RST on port 9 (TTL 63"), run::describe);
        Files.deleteIfExists(Path.of(run.json().get("pcap").asText()));
    }

    @Test
    void httpThroughAFirewallThatForgesResetsNamesTheFirewall() throws Exception {
        lab.run("haproxy", "http", "--check");
        lab.run("fw", "reject-rst");
        CliRun run = netcheck("http", "http://" + VIP + "/");
        assertForged(run, run.step("request").get("substeps").get(0), 80);
    }

    @Test
    void vipThroughAFirewallThatForgesResetsNamesTheFirewallToo() throws Exception {
        lab.run("haproxy", "http", "--check");
        lab.run("fw", "reject-rst");
        CliRun run = netcheck("vip", VIP + ":80", "--backends", LabNetwork.backend(1) + ":80,"
                + LabNetwork.backend(2) + ":80");
        expect(run, "FIREWALL_REJECT", "firewall", 1);
        assertEquals("vip-refused", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("HIGH", run.json().at("/verdict/confidence").asText(), run::describe);
        assertEquals(2, signals(run).size(), run::describe);
        assertTrue(signals(run).get(0).contains("came from closer than the VIP host's own echo reply"), run::describe);
        Files.deleteIfExists(Path.of(run.json().get("pcap").asText()));
    }

    @Test
    void tlsThroughAFirewallThatForgesResetsNamesTheFirewall() throws Exception {
        lab.run("tls-server");
        lab.run("fw", "reject-rst", "--port", "443");
        CliRun run = netcheck("tls", VIP + ":443");
        assertForged(run, run.step("connect"), 443);
    }
}
