package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netcheck.agent.AgentTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    static final int PORT = 18090;
    static final String TOKEN_A = "lab-agent-token-a";
    static final String TOKEN_B = "lab-agent-token-b";
    static final String API_TOKEN = "lab-api-token";
    static AgentLab al;
    static Process agent;

    @BeforeAll
    static void up() throws Exception {
        al = AgentLab.start(LabNetwork.up("sca", 2), PORT, "agents-lab", API_TOKEN, "lb-a=" + TOKEN_A + ",be-1=sha256:"
                + HexFormat.of().formatHex(AgentTokens.sha256(TOKEN_B)));
        // The agent starts at once: it retries (jittered backoff) until the server listens.
        agent = al.startAgent("lb", "lb-a", TOKEN_A, "-Dnetcheck.policy.deny-cidrs=" + LabNetwork.backend(2) + "/32");
        al.awaitAgents(List.of("lb-a"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void down() throws Exception {
        if (al != null) {
            al.close();
        }
    }

    @Test
    @Order(1)
    void theAgentIsListedWithItsZoneLabelsAndHeartbeatAndReadinessCountsIt() throws Exception {
        JsonNode a = al.agents().get(0);
        assertEquals("lb-a", a.get("name").asText());
        assertEquals("lab", a.get("zone").asText());
        assertEquals("lb", a.at("/labels/role").asText());
        assertEquals(1, a.get("protocol").asInt());
        assertTrue(a.get("remote").asText().startsWith(LabNetwork.LB + ":"), a::toString);
        LabNetwork.Result ready = al.curl(al.server + "/q/health/ready");
        assertTrue(ready.stdout().contains("\"agents\"") && ready.stdout().contains("\"connected\": 1"), ready::toString);
        assertEquals("401", al.curl("-o", "/dev/null", "-w", "%{http_code}", al.server + "/api/v1/agents").stdout());
        assertTrue(al.curl(al.server + "/q/openapi").stdout().contains("/api/v1/checks"));
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
            args.add(al.server + "/api/v1/agents/connect");
            assertEquals("401", al.curl(args.toArray(String[]::new)).stdout(), headers::toString);
        }
        // A real agent with a wrong token: refused at the upgrade, says why, never listed.
        Process wrong = al.startAgent("b1", "be-1", "not-the-token");
        try {
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(al.log("be-1")).contains("refused by the server (401)")) {
                assertTrue(System.nanoTime() < until, "the agent did not log the refusal");
                Thread.sleep(300);
            }
            assertEquals(List.of("lb-a"), al.agentNames());
        } finally {
            wrong.destroy();
            wrong.waitFor();
        }
        // A right token but another protocol version: a clear refusal message, then the close.
        Path jar = Path.of(AgentLab.jar());
        Path target = jar.getParent().getParent();
        String cp = String.join(":", target.resolve("test-classes").toString(), target.resolve("classes").toString(),
                target.resolve("quarkus-app/lib/main/*").toString());
        LabNetwork.Result probe = LabNetwork.execute(List.of("ip", "netns", "exec", al.lab.namespace("b1"), AgentLab.java(),
                "-cp", cp, "io.netcheck.agent.HelloProbe", al.server, "be-1", TOKEN_B, "99"), Map.of(), AgentLab.CLI);
        assertTrue(probe.stdout().contains("\"type\":\"refused\"") && probe.stdout().contains("protocol 99")
                && probe.stdout().contains("newer than the server") && probe.stdout().contains("close=4001"), probe::toString);
        assertEquals(List.of("lb-a"), al.agentNames());
        String log = al.serverLog();
        assertTrue(log.contains("\"event\":\"agent-refused\",\"agent\":\"lb-a\"") && log.contains("wrong token"), log);
        assertTrue(log.contains("agent be-1 speaks agent protocol 99"), log);
        assertFalse(log.contains("\"event\":\"agent-job\""), "no job ran");
    }

    @Test
    @Order(3)
    void tcpFromTheAgentRunsAtTheLoadBalancerThroughTheApiAndTheCli() throws Exception {
        String b1 = LabNetwork.backend(1) + ":80";
        LabNetwork.Result r = al.cli(API_TOKEN, "tcp", b1, "--from", "lb-a", "--server", al.server, "--json");
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
        LabNetwork.Result text = al.cli(API_TOKEN, "tcp", b1, "--from", "lb-a", "--server", al.server);
        assertEquals(0, text.exit(), text::toString);
        assertTrue(text.stdout().contains("VERDICT  HEALTHY") && text.stdout().contains("ran from: agent lb-a"),
                text::toString);
        // Without the right token: 401. An unknown agent: the connected ones are listed.
        assertEquals("401", al.curl("-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer wrong", "-H",
                "Content-Type: application/json", "-d", "{\"command\":\"tcp " + b1 + " --from lb-a\"}",
                al.server + "/api/v1/checks").stdout());
        AgentLab.Api unknown = al.api("tcp " + b1 + " --from lb-q");
        assertTrue(unknown.body().contains("no agent 'lb-q' is connected; connected: lb-a"), unknown::toString);
        // A local check through the API (no --from): runs on the server, in the client namespace.
        AgentLab.Api api = al.api("tcp " + b1);
        JsonNode local = api.json();
        assertEquals("HEALTHY", local.at("/verdict/cause").asText(), api::toString);
        assertTrue(local.at("/steps/0/facts").toString().contains(LabNetwork.CLIENT + "."), api::toString);
        String log = al.serverLog();
        assertTrue(log.contains("\"event\":\"agent-job\",\"agent\":\"lb-a\""), "audit line for the job");
        LabNetwork.Result metrics = al.curl(al.server + "/q/metrics");
        assertTrue(metrics.stdout().contains("netcheck_agents_connected 1.0")
                && metrics.stdout().contains("netcheck_agent_jobs_total{agent=\"lb-a\",outcome=\"ok\"}"), metrics::toString);
    }

    @Test
    @Order(4)
    void theAgentsOwnPolicyRefusesWhatTheServerWouldAllow() {
        AgentLab.Api r = al.api("tcp " + LabNetwork.backend(2) + ":80 --from lb-a");
        assertTrue(r.body().contains("refused by agent lb-a's target policy, nothing was sent")
                && r.body().contains(LabNetwork.backend(2)) && r.status() == 403, r::toString);
    }

    @Test
    @Order(5)
    void anAgentThatFallsSilentMidJobIsDroppedAfterThreeHeartbeatsAndReconnects() throws Exception {
        al.lab.run("backend-drop", "1");
        try {
            CompletableFuture<AgentLab.Api> job = CompletableFuture.supplyAsync(() -> al.api("tcp "
                    + LabNetwork.backend(1) + ":80 --timeout 20s --from lb-a"));
            Thread.sleep(1500); // the job is on the agent
            long frozen = System.nanoTime();
            signal("STOP"); // a network partition, as the server sees it: the connection stays, nothing comes
            AgentLab.Api r = job.get();
            long after = (System.nanoTime() - frozen) / 1_000_000;
            signal("CONT");
            assertTrue(r.status() == 503 && r.body().contains("no heartbeat"), r::toString);
            // Three 1 s heartbeats, checked every second: between 2 and 5 s, never the job's 20 s.
            assertTrue(after < 8_000, "the silent agent was noticed after " + after + " ms");
            al.awaitAgents(List.of("lb-a"), Duration.ofSeconds(30));
        } finally {
            signal("CONT");
            al.lab.run("reset");
        }
    }

    static void signal(String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, String.valueOf(agent.pid())).inheritIO().start().waitFor();
    }

    @Test
    @Order(6)
    void anAgentKilledMidJobEndsTheJobAtOnceWithACleanError() throws Exception {
        al.lab.run("backend-drop", "1");
        try {
            CompletableFuture<AgentLab.Api> job = CompletableFuture.supplyAsync(() -> al.api("tcp "
                    + LabNetwork.backend(1) + ":80 --timeout 20s --from lb-a"));
            al.awaitLog("\"event\":\"decision\",\"user\":\"api:default\",\"channel\":\"api\",\"command\":\"tcp "
                    + LabNetwork.backend(1) + ":80 --timeout 20s --from lb-a\",\"decision\":\"accepted\"",
                    Duration.ofSeconds(40));
            Thread.sleep(500); // the job is on the agent, waiting on its dropped SYNs
            long killed = System.nanoTime();
            agent.destroyForcibly().waitFor();
            AgentLab.Api r = job.get();
            long after = (System.nanoTime() - killed) / 1_000_000;
            assertTrue(r.status() == 503 && r.body().contains("agent lb-a disconnected during the job"),
                    r::toString);
            assertTrue(after < 10_000, "the job ended " + after + " ms after the kill, not at once");
            al.awaitAgents(List.of(), Duration.ofSeconds(10));
        } finally {
            al.lab.run("reset");
        }
    }
}
