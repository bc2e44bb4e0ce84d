package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PORT = 18091;
    static final String SERVER = "http://" + LabNetwork.CLIENT + ":" + PORT;
    static final String TOKEN = "lab-vip-from-agent-token";
    static final String API_TOKEN = "lab-vip-from-api-token";
    static final String BACKENDS = LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80";
    static final String SERVER_LOG = "target/vip-from-server.log";
    static LabNetwork lab;
    static Process server;
    static Process agent;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("vf1", 2);
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java(),
                "-Dnetcheck.agent.heartbeat=1s", "-Dnetcheck.agent.job-timeout=30s", "-jar", jar(), "serve");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(PORT));
        pb.environment().put("NETCHECK_STORE_URL", "jdbc:h2:mem:vip-from-lab");
        pb.environment().put("NETCHECK_CAPTURE_DIRECTORY", "/tmp");
        pb.environment().put("NETCHECK_API_TOKEN", API_TOKEN);
        pb.environment().put("NETCHECK_AGENT_TOKENS", "lb-a=" + TOKEN);
        server = pb.redirectErrorStream(true).redirectOutput(new File(SERVER_LOG)).start();
        agent = startAgent();
        awaitAgents(List.of("lb-a"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void down() throws Exception {
        for (Process p : new Process[] {agent, server}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void reset() {
        lab.run("reset");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String jar() {
        return Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath().toString();
    }

    static Process startAgent() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("lb"), java(),
                "-Dnetcheck.agent.heartbeat=1s", "-Dnetcheck.agent.reconnect-max=2s", "-jar", jar(), "agent",
                "--connect", SERVER, "--name", "lb-a");
        pb.environment().put("NETCHECK_AGENT_TOKEN", TOKEN);
        return pb.redirectErrorStream(true).redirectOutput(new File("target/vip-from-lb-a.log")).start();
    }

    static List<String> agentNames() throws Exception {
        LabNetwork.Result r = lab.curl(Duration.ofSeconds(30), "-H", "Authorization: Bearer " + API_TOKEN,
                SERVER + "/api/v1/agents");
        List<String> names = new ArrayList<>();
        if (r.ok() && r.stdout().startsWith("{")) {
            JSON.readTree(r.stdout()).get("agents").forEach(a -> names.add(a.get("name").asText()));
        }
        return names;
    }

    static void awaitAgents(List<String> names, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (!agentNames().equals(names)) {
            if (System.nanoTime() > until || !server.isAlive()) {
                fail("agents " + names + " not connected; see target/vip-from-*.log");
            }
            Thread.sleep(300);
        }
    }

    /** POST /api/v1/checks from the client namespace: the status and the body. */
    record Api(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    static Api api(String command) {
        LabNetwork.Result r = lab.curl(Duration.ofSeconds(60), "-w", "%{http_code}", "-H", "Authorization: Bearer "
                + API_TOKEN, "-H", "Content-Type: application/json", "-d", "{\"command\":\"" + command + "\"}",
                SERVER + "/api/v1/checks");
        String out = r.stdout();
        assertTrue(out.length() >= 3, r::toString);
        return new Api(Integer.parseInt(out.substring(out.length() - 3)), out.substring(0, out.length() - 3));
    }

    static CliRun cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace("client"), java(), "-jar",
                jar()));
        cmd.addAll(Arrays.asList(args));
        return CliRun.of(LabNetwork.execute(cmd, Map.of("NETCHECK_API_TOKEN", API_TOKEN), Duration.ofSeconds(60)));
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
        Api r = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
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
        assertTrue(Files.readString(Path.of(SERVER_LOG)).contains("\"event\":\"agent-job\",\"agent\":\"lb-a\""),
                "audit line naming the agent");
    }

    @Test
    @Order(2)
    void aFirewallBetweenTheLbAndItsServersIsOnlyProvenFromTheLbSide() throws Exception {
        lab.run("nginx-proxy");
        lab.run("lb-path", "drop");
        String vip = "vip " + LabNetwork.VIP_NGINX + ":80 --backends " + BACKENDS + " --timeout 2s";
        Api alone = api(vip);
        assertEquals(200, alone.status(), alone::body);
        JsonNode one = alone.json();
        assertNotEquals("HIGH", one.at("/verdict/confidence").asText(), () -> describe(one));
        Api both = api(vip + " --from lb-a");
        assertEquals(200, both.status(), both::body);
        JsonNode j = both.json();
        assertEquals("FIREWALL_DROP", j.at("/verdict/cause").asText(), () -> describe(j));
        assertEquals("firewall", j.at("/verdict/team").asText(), () -> describe(j));
        assertEquals("HIGH", j.at("/verdict/confidence").asText(), () -> describe(j));
        List<String> step3 = allPackets(j.at("/steps/2"));
        assertTrue(step3.stream().anyMatch(p -> p.startsWith("[lb-a] ") && p.contains("Flags [S]")), () -> describe(j));
    }

    @Test
    @Order(3)
    void synAcksLostOnTheWayBackAreTheReturnPath() throws Exception {
        lab.run("haproxy", "http");
        lab.run("return-drop");
        Api r = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
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
        Api r = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 2s --from lb-a");
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
                "lb-a", "--server", SERVER, "--json");
        CliRun.expect(run, "HEALTHY", "none", 0);
        assertTrue(run.packets("reach").stream().anyMatch(p -> p.startsWith("[lb-a] ")), run::describe);
        Api unknown = api("vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --from lb-q");
        assertEquals(503, unknown.status(), unknown::body);
        assertTrue(unknown.body().contains("no agent 'lb-q' is connected; connected: lb-a"), unknown::body);
    }

    @Test
    @Order(6)
    void anAgentKilledMidJobEndsTheRunWithACleanErrorWithinItsDeadline() throws Exception {
        lab.run("haproxy", "http");
        lab.run("fw", "drop");
        String command = "vip " + LabNetwork.VIP_HAPROXY + ":80 --backends " + BACKENDS + " --timeout 6s --from lb-a";
        CompletableFuture<Api> job = CompletableFuture.supplyAsync(() -> api(command));
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!Files.readString(Path.of(SERVER_LOG)).contains("\"command\":\"" + command
                + "\",\"decision\":\"accepted\"")) {
            assertTrue(System.nanoTime() < until, "the job never reached the server");
            Thread.sleep(100);
        }
        Thread.sleep(1500); // the agent is capturing, netcheck waits on its dropped SYNs
        long killed = System.nanoTime();
        agent.destroyForcibly().waitFor();
        Api r = job.get();
        long after = (System.nanoTime() - killed) / 1_000_000;
        assertEquals(503, r.status(), r::body);
        assertTrue(r.body().contains("agent lb-a disconnected during the job"), r::body);
        // Bounded by netcheck's own VIP probe (6 s), never the agent's window plus the job timeout.
        assertTrue(after < 9_000, "the run ended " + after + " ms after the kill");
        agent = startAgent();
        awaitAgents(List.of("lb-a"), Duration.ofSeconds(60));
    }
}
