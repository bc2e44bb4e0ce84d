package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code vip --from lb-a}: the packaged server in the client namespace probes the VIP from there with its own
 * capture, agent lb-a in the load balancer's namespace captures on its side and probes the servers. A firewall
 * between the LB and its servers, a return path that loses the LB's SYN-ACKs, a drop before the LB, an agent
 * killed mid-job; the API and the CLI's --server end to end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VipFromIT {
    static final int PORT = 18091;
    static final String TOKEN = "lab-vip-from-agent-token";
    static final String API_TOKEN = "lab-vip-from-api-token";
    static final String BACKENDS = LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80";
    /** The lb's address in topology c (lab README): its source towards the servers. */
    static final String LB_ONE_ARMED = "203.0.113.200";
    static AgentLab al;
    static LabNetwork lab;
    static Process agent;

    @BeforeAll
    static void up() throws Exception {
        al = startOn(LabNetwork.up("scv", 2), PORT, "vip-from");
        lab = al.lab;
        agent = al.startAgent("lb", "lb-a", TOKEN);
        al.awaitAgents(List.of("lb-a"), Duration.ofSeconds(90));
    }

    /** The server on {@code lab} with lb-a allowed. */
    static AgentLab startOn(LabNetwork lab, int port, String logs) throws Exception {
        return AgentLab.start(lab, port, logs, API_TOKEN, "lb-a=" + TOKEN);
    }

    @AfterAll
    static void down() throws Exception {
        if (al != null) {
            al.close();
        }
    }

    @AfterEach
    void reset() {
        lab.run("reset");
    }

    static AgentLab.Api api(String command) {
        return al.api(command);
    }

    static CliRun cli(String... args) {
        return CliRun.of(al.cli(API_TOKEN, args));
    }

    static List<String> allPackets(JsonNode step) {
        List<String> lines = new ArrayList<>();
        step.get("packets").forEach(p -> lines.add(p.asText()));
        step.get("substeps").forEach(s -> lines.addAll(allPackets(s)));
        return lines;
    }

    static String describe(JsonNode report) {
        return report.toPrettyString();
    }

    @Test
    @Order(1)
    void aHealthyVipThroughHaproxyWithStepThreeFromTheAgent() throws Exception {
        lab.run("haproxy", "http");
        AgentLab.Api r = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
        assertEquals(200, r.status(), r::body);
        JsonNode j = r.json();
        assertEquals("HEALTHY", j.at("/verdict/cause").asText(), () -> describe(j));
        assertTrue(j.at("/command").asText().endsWith("--from lb-a"), () -> describe(j));
        JsonNode backends = j.at("/steps/2");
        assertTrue(backends.at("/facts/0/value").asText().contains("probed from agent lb-a"), () -> describe(j));
        assertTrue(allPackets(backends).stream().allMatch(p -> p.startsWith("[lb-a] "))
                && !allPackets(backends).isEmpty(), () -> describe(j));
        List<String> reach = allPackets(j.at("/steps/0"));
        assertTrue(reach.stream().anyMatch(p -> p.startsWith("[netcheck] ")), () -> describe(j));
        assertTrue(reach.stream().anyMatch(p -> p.startsWith("[lb-a] ") && p.contains(LabNetwork.CLIENT)),
                () -> describe(j));
        assertTrue(j.at("/evidence/lbSide/synsArrived").asInt() >= 1, () -> describe(j));
        assertTrue(j.at("/evidence/lbSide/offset/uncertaintyMicros").isNumber(), () -> describe(j));
        String sidePcap = j.at("/evidence/lbSide/capture/pcapFile").asText();
        assertTrue(sidePcap.startsWith("/tmp/") && Files.size(Path.of(sidePcap)) > 24, () -> describe(j));
        assertTrue(Files.size(Path.of(j.at("/capture/pcapFile").asText())) > 24, () -> describe(j));
        assertTrue(al.serverLog().contains("\"event\":\"agent-job\",\"agent\":\"lb-a\""),
                "audit line naming the agent");
    }

    @Test
    @Order(2)
    void theLbCutOffFromItsServersIsProvenFromTheLbSideButNotWhereTheFilterSits() throws Exception {
        // lb-path drop: each server's INPUT drops the lb's address. From the lb that looks exactly like a firewall
        // between them, so the two-sided verdict proves the cut (lb-a's unanswered SYNs) but stays MEDIUM, naming both.
        lab.run("nginx-proxy");
        lab.run("lb-path", "drop");
        String vip = "vip " + LabNetwork.VIP_NGINX + ":80 --backends " + BACKENDS + " --timeout 2s";
        AgentLab.Api alone = api(vip);
        assertEquals(200, alone.status(), alone::body);
        JsonNode one = alone.json();
        assertNotEquals("HIGH", one.at("/verdict/confidence").asText(), () -> describe(one));
        AgentLab.Api both = api(vip + " --from lb-a");
        assertEquals(200, both.status(), both::body);
        JsonNode j = both.json();
        assertEquals("FIREWALL_DROP", j.at("/verdict/cause").asText(), () -> describe(j));
        assertEquals("firewall-behind-lb", j.at("/verdict/rule").asText(), () -> describe(j));
        assertEquals("MEDIUM", j.at("/verdict/confidence").asText(), () -> describe(j));
        assertTrue(j.at("/verdict/summary").asText().contains("a firewall between them or the servers' own host "
                + "firewall"), () -> describe(j));
        assertTrue(j.at("/verdict/nextSteps/0").asText().contains("host firewall (server team"), () -> describe(j));
        List<String> step3 = allPackets(j.at("/steps/2"));
        assertTrue(step3.stream().anyMatch(p -> p.startsWith("[lb-a] ") && p.contains("Flags [S]")), () -> describe(j));
    }

    @Test
    @Order(7)
    void aRealServersOwnHostFirewallIsNeverBlamedOnTheFirewallTeamAtHigh() throws Exception {
        // backend-drop all: every server's own INPUT chain drops port 80, for everyone.
        lab.run("nginx-proxy");
        lab.run("backend-drop", "all");
        AgentLab.Api r = api("vip " + LabNetwork.VIP_NGINX + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
        assertEquals(200, r.status(), r::body);
        JsonNode j = r.json();
        assertEquals("firewall-behind-lb", j.at("/verdict/rule").asText(), () -> describe(j));
        assertEquals("MEDIUM", j.at("/verdict/confidence").asText(), () -> describe(j));
        assertTrue(j.at("/verdict/summary").asText().contains("host firewall"), () -> describe(j));
        assertTrue(j.at("/verdict/explanation").asText().contains("The team is a guess"), () -> describe(j));
    }

    @Test
    @Order(8)
    void onAOneArmedLbTwoRoutersAwayTheTwoSidedRulesSayTheSame() throws Exception {
        // Topology c: netcheck two routers from the VIP, the lb one-armed on the servers' LAN (no route of its own
        // to them, its answers to netcheck leave by the interface the SYNs came in on).
        try (AgentLab c = startOn(LabNetwork.up("scc", 2, LabNetwork.Topology.C), PORT + 1, "vip-from-c")) {
            c.startAgent("lb", "lb-a", TOKEN);
            c.awaitAgents(List.of("lb-a"), Duration.ofSeconds(90));
            String command = "vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a";

            c.lab.run("haproxy", "http");
            c.lab.run("return-drop");
            JsonNode lost = ok(c.api(command));
            assertEquals("ROUTING", lost.at("/verdict/cause").asText(), () -> describe(lost));
            assertEquals("return-path-lost", lost.at("/verdict/rule").asText(), () -> describe(lost));
            assertEquals("HIGH", lost.at("/verdict/confidence").asText(), () -> describe(lost));

            c.lab.run("reset");
            c.lab.run("haproxy", "http");
            c.lab.run("fw", "drop");
            JsonNode before = ok(c.api(command));
            assertEquals("FIREWALL_DROP", before.at("/verdict/cause").asText(), () -> describe(before));
            assertEquals("dropped-before-lb", before.at("/verdict/rule").asText(), () -> describe(before));
            assertEquals("HIGH", before.at("/verdict/confidence").asText(), () -> describe(before));

            c.lab.run("reset");
            c.lab.run("nginx-proxy");
            c.lab.run("lb-path", "drop");
            JsonNode cut = ok(c.api("vip " + LabNetwork.VIP_NGINX + ":80 --backends " + BACKENDS
                    + " --timeout 2s --from lb-a"));
            assertEquals("firewall-behind-lb", cut.at("/verdict/rule").asText(), () -> describe(cut));
            assertEquals("MEDIUM", cut.at("/verdict/confidence").asText(), () -> describe(cut));
            assertTrue(allPackets(cut.at("/steps/2")).stream().anyMatch(p -> p.startsWith("[lb-a] ")
                    && p.contains(LB_ONE_ARMED + ".") && p.contains("Flags [S]")), () -> describe(cut));
        }
    }

    @Test
    @Order(9)
    void aFirewallOnTheRouterBetweenTheLbAndItsServersIsProvenFromTheLbSide() throws Exception {
        // Topology b: the lb and the servers on two legs of the router, so a filter on the router sits between
        // them. Only an ICMP admin prohibited from that router (not a server) proves it: HIGH, the firewall team.
        // The same filter dropping in silence looks like a server's own host firewall: MEDIUM, both owners named.
        try (AgentLab b = startOn(LabNetwork.up("scb", 2, LabNetwork.Topology.B), PORT + 2, "vip-from-b")) {
            b.startAgent("lb", "lb-a", TOKEN);
            b.awaitAgents(List.of("lb-a"), Duration.ofSeconds(90));
            String command = "vip " + LabNetwork.VIP_NGINX + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a";
            b.lab.run("nginx-proxy");
            b.lab.run("lb-path-fw", "reject-admin");
            JsonNode rejected = ok(b.api(command));
            assertEquals("firewall-behind-lb", rejected.at("/verdict/rule").asText(), () -> describe(rejected));
            assertEquals("FIREWALL_REJECT", rejected.at("/verdict/cause").asText(), () -> describe(rejected));
            assertEquals("firewall", rejected.at("/verdict/team").asText(), () -> describe(rejected));
            assertEquals("HIGH", rejected.at("/verdict/confidence").asText(), () -> describe(rejected));
            assertTrue(allPackets(rejected.at("/steps/2")).stream().anyMatch(p -> p.startsWith("[lb-a] ")
                    && p.contains("ICMP") && p.contains("prohibited")), () -> describe(rejected));

            b.lab.run("lb-path-fw", "drop");
            JsonNode dropped = ok(b.api(command));
            assertEquals("firewall-behind-lb", dropped.at("/verdict/rule").asText(), () -> describe(dropped));
            assertEquals("MEDIUM", dropped.at("/verdict/confidence").asText(), () -> describe(dropped));
        }
    }

    static JsonNode ok(AgentLab.Api r) throws Exception {
        assertEquals(200, r.status(), r::body);
        return r.json();
    }

    @Test
    @Order(3)
    void synAcksLostOnTheWayBackAreTheReturnPath() throws Exception {
        lab.run("haproxy", "http");
        lab.run("return-drop");
        AgentLab.Api r = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
        assertEquals(200, r.status(), r::body);
        JsonNode j = r.json();
        assertEquals("ROUTING", j.at("/verdict/cause").asText(), () -> describe(j));
        assertTrue(j.at("/verdict/summary").asText().contains("return path"), () -> describe(j));
        assertEquals("HIGH", j.at("/verdict/confidence").asText(), () -> describe(j));
        String summary = j.at("/steps/0/summary").asText();
        assertTrue(summary.contains("and answered SYN-ACK") && summary.contains("none came back"), summary);
    }

    @Test
    @Order(4)
    void synsDroppedBeforeTheLbNeverArriveThere() throws Exception {
        lab.run("haproxy", "http");
        lab.run("fw", "drop");
        AgentLab.Api r = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
        assertEquals(200, r.status(), r::body);
        JsonNode j = r.json();
        assertEquals("FIREWALL_DROP", j.at("/verdict/cause").asText(), () -> describe(j));
        assertEquals("HIGH", j.at("/verdict/confidence").asText(), () -> describe(j));
        assertTrue(j.at("/verdict/summary").asText().contains("lb-a saw nothing arrive"), () -> describe(j));
    }

    @Test
    @Order(5)
    void theCliThroughTheServerPrintsTheSameReportAndAnUnknownAgentIsNamed() throws Exception {
        lab.run("haproxy", "http");
        CliRun run = cli("vip", LabNetwork.VIP_HAPROXY + ":80", "--backends", BACKENDS, "--timeout", "2s", "--from",
                "lb-a", "--server", al.server, "--json");
        CliRun.expect(run, "HEALTHY", "none", 0);
        assertTrue(run.packets("reach").stream().anyMatch(p -> p.startsWith("[lb-a] ")), run::describe);
        AgentLab.Api unknown = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --from lb-q");
        assertEquals(503, unknown.status(), unknown::body);
        assertTrue(unknown.body().contains("no agent 'lb-q' is connected; connected: lb-a"), unknown::body);
    }

    @Test
    @Order(6)
    void anAgentKilledMidJobEndsTheRunWithACleanErrorWithinItsDeadline() throws Exception {
        lab.run("haproxy", "http");
        lab.run("fw", "drop");
        String command = "vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 6s --from lb-a";
        CompletableFuture<AgentLab.Api> job = CompletableFuture.supplyAsync(() -> api(command));
        al.awaitLog("\"command\":\"" + command + "\",\"decision\":\"accepted\"", Duration.ofSeconds(40));
        Thread.sleep(1500); // the agent is capturing, netcheck waits on its dropped SYNs
        long killed = System.nanoTime();
        agent.destroyForcibly().waitFor();
        AgentLab.Api r = job.get();
        long after = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(503, r.status(), r::body);
        assertTrue(r.body().contains("agent lb-a disconnected during the job"), r::body);
        // Bounded by netcheck's own VIP probe (6 s), never the agent's window plus the job timeout.
        assertTrue(after < 9_000, "the run ended " + after + " ms after the kill");
        agent = al.startAgent("lb", "lb-a", TOKEN);
        al.awaitAgents(List.of("lb-a"), Duration.ofSeconds(60));
    }
}
