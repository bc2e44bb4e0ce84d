package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.agent.AgentTokens;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Agents in the lab: the packaged server in the client namespace, agent lb-a in the load balancer's namespace
 * dialling out to it. The check API and the CLI's --server end to end; refused tokens and protocol versions;
 * the agent's own target policy; an agent killed in the middle of a job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentsLabIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PORT = 18090;
    static final String SERVER = "http://" + LabNetwork.CLIENT + ":" + PORT;
    static final String TOKEN_A = "lab-agent-token-a";
    static final String TOKEN_B = "lab-agent-token-b";
    static final String API_TOKEN = "lab-api-token";
    static final Duration CLI = Duration.ofSeconds(60);
    static LabNetwork lab;
    static Process server;
    static Process agent;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("ag1", 2);
        String java = java();
        String jar = jar();
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java,
                "-Dnetcheck.agent.heartbeat=1s", "-Dnetcheck.agent.job-timeout=30s", "-jar", jar, "serve");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(PORT));
        pb.environment().put("NETCHECK_STORE_URL", "jdbc:h2:mem:agents-lab");
        pb.environment().put("NETCHECK_CAPTURE_DIRECTORY", "/tmp");
        pb.environment().put("NETCHECK_API_TOKEN", API_TOKEN);
        pb.environment().put("NETCHECK_AGENT_TOKENS", "lb-a=" + TOKEN_A + ",be-1=sha256:"
                + HexFormat.of().formatHex(AgentTokens.sha256(TOKEN_B)));
        server = pb.redirectErrorStream(true).redirectOutput(new File("target/agents-lab-server.log")).start();
        // The agent starts at once: it retries (jittered backoff) until the server listens.
        agent = startAgent("lb", "lb-a", TOKEN_A, "target/agents-lab-lb-a.log",
                "-Dnetcheck.policy.deny-cidrs=" + LabNetwork.backend(2) + "/32");
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

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String jar() {
        return Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath().toString();
    }

    static Process startAgent(String node, String name, String token, String log, String... props) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(node), java(),
                "-Dnetcheck.agent.heartbeat=1s", "-Dnetcheck.agent.reconnect-max=2s"));
        cmd.addAll(Arrays.asList(props));
        cmd.addAll(List.of("-jar", jar(), "agent", "--connect", SERVER, "--name", name, "--zone", "lab",
                "--label", "role=lb"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NETCHECK_AGENT_TOKEN", token);
        return pb.redirectErrorStream(true).redirectOutput(new File(log)).start();
    }

    static LabNetwork.Result curl(String... args) {
        return lab.curl(Duration.ofSeconds(60), args);
    }

    static JsonNode agents() throws Exception {
        LabNetwork.Result r = curl("-H", "Authorization: Bearer " + API_TOKEN, SERVER + "/api/v1/agents");
        return r.ok() && r.stdout().startsWith("{") ? JSON.readTree(r.stdout()).get("agents") : JSON.createArrayNode();
    }

    static List<String> agentNames() throws Exception {
        List<String> names = new ArrayList<>();
        agents().forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    static void awaitAgents(List<String> names, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (!agentNames().equals(names)) {
            if (System.nanoTime() > until || !server.isAlive()) {
                fail("agents " + names + " not connected; see target/agents-lab-*.log");
            }
            Thread.sleep(300);
        }
    }

    /** The packaged CLI in the client namespace with NETCHECK_API_TOKEN set. */
    static LabNetwork.Result cli(String token, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace("client"), java(), "-jar", jar()));
        cmd.addAll(Arrays.asList(args));
        return LabNetwork.execute(cmd, token == null ? Map.of() : Map.of("NETCHECK_API_TOKEN", token), CLI);
    }

    /** POST /api/v1/checks from the client namespace; stdout is the body, then the status. */
    static LabNetwork.Result api(String command) {
        return curl("-w", "%{http_code}", "-H", "Authorization: Bearer " + API_TOKEN, "-H",
                "Content-Type: application/json", "-d", "{\"command\":\"" + command + "\"}", SERVER + "/api/v1/checks");
    }

    static String serverLog() throws Exception {
        return Files.readString(Path.of("target/agents-lab-server.log"));
    }

    @Test
    @Order(1)
    void theAgentIsListedWithItsZoneLabelsAndHeartbeatAndReadinessCountsIt() throws Exception {
        JsonNode a = agents().get(0);
        assertEquals("lb-a", a.get("name").asText());
        assertEquals("lab", a.get("zone").asText());
        assertEquals("lb", a.at("/labels/role").asText());
        assertEquals(1, a.get("protocol").asInt());
        assertTrue(a.get("remote").asText().startsWith(LabNetwork.LB + ":"), a::toString);
        LabNetwork.Result ready = curl(SERVER + "/q/health/ready");
        assertTrue(ready.stdout().contains("\"agents\"") && ready.stdout().contains("\"connected\": 1"), ready::toString);
        assertEquals("401", curl("-o", "/dev/null", "-w", "%{http_code}", SERVER + "/api/v1/agents").stdout());
        assertTrue(curl(SERVER + "/q/openapi").stdout().contains("/api/v1/checks"));
    }

    @Test
    @Order(2)
    void wrongMissingAndUnknownTokensAndAnotherProtocolVersionAreRefusedAndNothingRuns() throws Exception {
        for (List<String> headers : List.of(List.of("X-Netcheck-Agent: lb-a", "Authorization: Bearer wrong"),
                List.of("X-Netcheck-Agent: lb-a"), List.of("X-Netcheck-Agent: lb-z", "Authorization: Bearer " + TOKEN_A),
                List.of("X-Netcheck-Agent: be-1", "Authorization: Bearer " + TOKEN_A))) {
            List<String> args = new ArrayList<>(List.of("-o", "/dev/null", "-w", "%{http_code}", "-H", "Connection: Upgrade",
                    "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13", "-H",
                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
            headers.forEach(h -> args.addAll(List.of("-H", h)));
            args.add(SERVER + "/api/v1/agents/connect");
            assertEquals("401", curl(args.toArray(String[]::new)).stdout(), headers::toString);
        }
        // A real agent with a wrong token: refused at the upgrade, says why, never listed.
        Process wrong = startAgent("b1", "be-1", "not-the-token", "target/agents-lab-be-1.log");
        try {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(Path.of("target/agents-lab-be-1.log")).contains("refused by the server (401)")) {
                assertTrue(System.nanoTime() < until, "the agent did not log the refusal");
                Thread.sleep(300);
            }
            assertEquals(List.of("lb-a"), agentNames());
        } finally {
            wrong.destroy();
            wrong.waitFor();
        }
        // A right token but another protocol version: a clear refusal message, then the close.
        Path jar = Path.of(jar());
        Path target = jar.getParent().getParent();
        String cp = String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("quarkus-app/lib/main/*").toString());
        LabNetwork.Result probe = LabNetwork.execute(List.of("ip", "netns", "exec", lab.namespace("b1"), java(), "-cp", cp,
                "io.netcheck.agent.HelloProbe", SERVER, "be-1", TOKEN_B, "99"), Map.of(), CLI);
        assertTrue(probe.stdout().contains("\"type\":\"refused\"") && probe.stdout().contains("protocol 99")
                && probe.stdout().contains("newer than the server") && probe.stdout().contains("close=4001"), probe::toString);
        assertEquals(List.of("lb-a"), agentNames());
        String log = serverLog();
        assertTrue(log.contains("\"event\":\"agent-refused\",\"agent\":\"lb-a\"") && log.contains("wrong token"), log);
        assertTrue(log.contains("agent be-1 speaks agent protocol 99"), log);
        assertFalse(log.contains("\"event\":\"agent-job\""), "no job ran");
    }

    @Test
    @Order(3)
    void tcpFromTheAgentRunsAtTheLoadBalancerThroughTheApiAndTheCli() throws Exception {
        String b1 = LabNetwork.backend(1) + ":80";
        LabNetwork.Result r = cli(API_TOKEN, "tcp", b1, "--from", "lb-a", "--server", SERVER, "--json");
        CliRun run = CliRun.of(r);
        CliRun.expect(run, "HEALTHY", "none", 0);
        // It ran in the lb's namespace: the source is the lb's bridge address, not the client's.
        assertTrue(run.fact("connect", "from").startsWith(LabNetwork.LB_BRIDGE + "."), run::describe);
        assertTrue(run.fact("connect", "ran from").contains("agent lb-a"), run::describe);
        assertTrue(!run.packets("connect").isEmpty() && run.packets("connect").stream()
                .allMatch(p -> p.startsWith("[lb-a] ")), run::describe);
        assertTrue(run.json().get("command").asText().endsWith("--from lb-a"));
        String pcap = run.json().at("/capture/pcapFile").asText();
        assertTrue(pcap.startsWith("/tmp/netcheck-lb-a-"), run::describe);
        // Text through the server: the same report a local run prints.
        LabNetwork.Result text = cli(API_TOKEN, "tcp", b1, "--from", "lb-a", "--server", SERVER);
        assertEquals(0, text.exit(), text::toString);
        assertTrue(text.stdout().contains("VERDICT  HEALTHY") && text.stdout().contains("ran from: agent lb-a"),
                text::toString);
        // Without the right token: 401. An unknown agent: the connected ones are listed.
        assertEquals("401", curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer wrong", "-H",
                "Content-Type: application/json", "-d", "{\"command\":\"tcp " + b1 + " --from lb-a\"}",
                SERVER + "/api/v1/checks").stdout());
        LabNetwork.Result unknown = api("tcp " + b1 + " --from lb-q");
        assertTrue(unknown.stdout().contains("no agent 'lb-q' is connected; connected: lb-a"), unknown::toString);
        // A local check through the API (no --from): runs on the server, in the client namespace.
        LabNetwork.Result api = api("tcp " + b1);
        JsonNode local = JSON.readTree(api.stdout().substring(0, api.stdout().length() - 3));
        assertEquals("HEALTHY", local.at("/verdict/cause").asText(), api::toString);
        assertTrue(local.at("/steps/0/facts").toString().contains(LabNetwork.CLIENT + "."), api::toString);
        String log = serverLog();
        assertTrue(log.contains("\"event\":\"agent-job\",\"agent\":\"lb-a\""), "audit line for the job");
        LabNetwork.Result metrics = curl(SERVER + "/q/metrics");
        assertTrue(metrics.stdout().contains("netcheck_agents_connected 1.0")
                && metrics.stdout().contains("netcheck_agent_jobs_total{agent=\"lb-a\",outcome=\"ok\"}"), metrics::toString);
    }

    @Test
    @Order(4)
    void theAgentsOwnPolicyRefusesWhatTheServerWouldAllow() {
        LabNetwork.Result r = api("tcp " + LabNetwork.backend(2) + ":80 --from lb-a");
        assertTrue(r.stdout().contains("refused by agent lb-a's target policy, nothing was sent")
                && r.stdout().contains(LabNetwork.backend(2)) && r.stdout().endsWith("403"), r::toString);
    }

    @Test
    @Order(5)
    void anAgentThatFallsSilentMidJobIsDroppedAfterThreeHeartbeatsAndReconnects() throws Exception {
        lab.run("backend-drop", "1");
        try {
            CompletableFuture<LabNetwork.Result> job = CompletableFuture.supplyAsync(() -> api("tcp "
                    + LabNetwork.backend(1) + ":80 --timeout 20s --from lb-a"));
            Thread.sleep(1500); // the job is on the agent
            long frozen = System.nanoTime();
            signal("STOP"); // a network partition, as the server sees it: the connection stays, nothing comes
            LabNetwork.Result r = job.get();
            long after = (System.nanoTime() - frozen) / 1_000_000;
            signal("CONT");
            assertTrue(r.stdout().endsWith("503") && r.stdout().contains("no heartbeat"), r::toString);
            // Three 1 s heartbeats, checked every second: between 2 and 5 s, never the job's 20 s.
            assertTrue(after < 8_000, "the silent agent was noticed after " + after + " ms");
            awaitAgents(List.of("lb-a"), Duration.ofSeconds(30));
        } finally {
            signal("CONT");
            lab.run("reset");
        }
    }

    static void signal(String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, String.valueOf(agent.pid())).inheritIO().start().waitFor();
    }

    @Test
    @Order(6)
    void anAgentKilledMidJobEndsTheJobAtOnceWithACleanError() throws Exception {
        lab.run("backend-drop", "1");
        try {
            CompletableFuture<LabNetwork.Result> job = CompletableFuture.supplyAsync(() -> api("tcp "
                    + LabNetwork.backend(1) + ":80 --timeout 20s --from lb-a"));
            long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (!serverLog().contains("\"event\":\"decision\",\"user\":\"api:default\",\"channel\":\"api\",\"command\":\"tcp "
                    + LabNetwork.backend(1) + ":80 --timeout 20s --from lb-a\",\"decision\":\"accepted\"")) {
                assertTrue(System.nanoTime() < until, "the job never reached the server");
                Thread.sleep(100);
            }
            Thread.sleep(500); // the job is on the agent, waiting on its dropped SYNs
            long killed = System.nanoTime();
            agent.destroyForcibly().waitFor();
            LabNetwork.Result r = job.get();
            long after = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(r.stdout().endsWith("503") && r.stdout().contains("agent lb-a disconnected during the job"),
                    r::toString);
            assertTrue(after < 10_000, "the job ended " + after + " ms after the kill, not at once");
            awaitAgents(List.of(), Duration.ofSeconds(10));
        } finally {
            lab.run("reset");
        }
    }
}
