package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Agents on any replica: two packaged instances on one throwaway PostgreSQL, agent lb-a (the packaged agent, on
 * loopback) connected to instance 0 only, every request sent to instance 1's check API. A {@code tcp --from lb-a}
 * returns the agent's real report (relayed through the store, with its capture), a {@code vip --from} gets the load
 * balancer's side from the agent in its two steps, an agent connected nowhere is a clear error, and instance 0 SIGKILLed in the middle of a relayed job ends
 * that job with a clean "stopped renewing its lease during the job" error, not at the job's timeout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentRelayIT {
    static final int FIRST_PORT = 18400;
    static final int PG_PORT = 55441;
    static final String API_TOKEN = "relay-api-token";
    static final String AGENT_TOKEN = "relay-agent-token";
    static final Duration LEASE = Duration.ofSeconds(6);
    /** The targets live on loopback, which the default policy denies (server and agent alike): deny metadata only. */
    static final String LOOPBACK_ALLOWED = "-Dnetcheck.policy.builtin-deny=169.254.0.0/16,fd00:ec2::254/128";
    private static final ObjectMapper JSON = new ObjectMapper();

    ServerSocket open;
    HttpServer slow;
    HttpServer web;
    Replicas replicas;
    Process agent;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        for (String log : List.of("app0", "app1", "lb-a")) {
            Files.deleteIfExists(Path.of("target/agent-relay-" + log + ".log")); // the audit lines checked are this run's
        }
        open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!open.isClosed()) {
                try (Socket s = open.accept()) {
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // closed at the end
                }
            }
        }, "relay-it-accept");
        accept.setDaemon(true);
        accept.start();
        slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.createContext("/", ex -> {
            try {
                Thread.sleep(60_000); // longer than any check's timeout: the job is in flight when instance 0 dies
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        slow.start();
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        web.createContext("/", ex -> {
            byte[] body = "ok\n".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        web.start();
        replicas = new Replicas("agent-relay", 2, FIRST_PORT, PG_PORT, List.of(LOOPBACK_ALLOWED,
                "-Dnetcheck.capture.enabled=false", "-Dnetcheck.agent.relay-lease=" + LEASE.toSeconds() + "s",
                "-Dnetcheck.agent.heartbeat=2s"),
                Map.of("NETCHECK_API_TOKEN", API_TOKEN, "NETCHECK_AGENT_TOKENS", "lb-a=" + AGENT_TOKEN));
        for (int i = 0; i < 2; i++) {
            Files.createDirectories(captureDir(i));
        }
        replicas.start(0);
        replicas.start(1);
        ProcessBuilder pb = new ProcessBuilder(Replicas.java(), LOOPBACK_ALLOWED, "-Dnetcheck.agent.reconnect-max=2s",
                "-Dnetcheck.capture.directory=/tmp", "-jar", Replicas.jar().toString(), "agent", "--connect",
                "http://127.0.0.1:" + replicas.port(0), "--name", "lb-a", "--zone", "lab");
        pb.environment().put("NETCHECK_AGENT_TOKEN", AGENT_TOKEN);
        agent = pb.redirectErrorStream(true).redirectOutput(new File("target/agent-relay-lb-a.log")).start();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!owner("lb-a").contains("-" + replicas.pid(0) + "-")) {
            if (System.nanoTime() > until || !agent.isAlive()) {
                fail("lb-a not recorded on instance 0; see target/agent-relay-*.log");
            }
            Thread.sleep(300);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (agent != null) {
                agent.destroy();
                if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
            if (replicas != null) {
                replicas.close();
            }
        } finally {
            for (int i = 0; i < 2; i++) {
                try (var files = Files.list(captureDir(i))) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                    Files.delete(captureDir(i));
                } catch (IOException e) {
                    // not created
                }
            }
            if (open != null) {
                open.close();
            }
            if (slow != null) {
                slow.stop(0);
            }
            if (web != null) {
                web.stop(0);
            }
        }
    }

    /** Where instance {@code i} writes captures (Replicas sets it; the servers capture nothing themselves here). */
    static Path captureDir(int i) {
        return Path.of("/tmp/netcheck-agent-relay-" + i);
    }

    /** The replica the store has the agent on, or "". */
    String owner(String name) throws Exception {
        try (Connection c = replicas.db(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT replica FROM agent_presence WHERE agent = '" + name + "'")) {
            return r.next() ? r.getString(1) : "";
        } catch (SQLException e) {
            return ""; // not migrated yet
        }
    }

    int rows(String sql) throws Exception {
        try (Connection c = replicas.db(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    /** POST /api/v1/checks on instance {@code i}: status and body. */
    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    Answer api(int i, String command) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replicas.port(i)
                        + "/api/v1/checks")).timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("command", command).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    String log(int i) throws IOException {
        return Files.readString(Path.of("target/agent-relay-app" + i + ".log"));
    }

    @Test
    @Order(1)
    void tcpFromAnAgentOnAnotherReplicaReturnsTheAgentsRealReport() throws Exception {
        String target = "127.0.0.1:" + open.getLocalPort();
        Answer a = api(1, "tcp " + target + " --from lb-a");
        assertEquals(200, a.status(), a.body());
        JsonNode report = a.json();
        assertTrue(report.get("command").asText().startsWith("tcp " + target + " ")
                && report.get("command").asText().endsWith(" --from lb-a"), a.body());
        assertEquals("HEALTHY", report.at("/verdict/cause").asText(), a.body());
        assertEquals("agent lb-a (its position, its target policy, its capture)",
                report.at("/steps/0/facts/0/value").asText(), a.body());
        // The agent's own packets (its capture on lo, marked with its name) and its .pcap came back through the store.
        JsonNode packets = report.at("/steps/0/packets");
        assertTrue(packets.size() >= 3 && packets.get(0).asText().startsWith("[lb-a] ")
                && packets.get(0).asText().contains("> " + target.replace(':', '.') + ": Flags [S]"), a.body());
        assertEquals("lb-a:lo", report.at("/capture/interfaces/0").asText(), a.body());
        Path pcap = Path.of(report.at("/capture/pcapFile").asText());
        assertTrue(pcap.startsWith(captureDir(1)) && Files.size(pcap) > 24, a.body());
        // The same check on instance 0, where the agent is connected, runs it locally with the same verdict.
        Answer local = api(0, "tcp " + target + " --from lb-a");
        assertEquals(200, local.status(), local.body());
        assertEquals("HEALTHY", local.json().at("/verdict/cause").asText());
        // Audited on both sides; the row is gone once read.
        assertTrue(log(1).contains("\"event\":\"agent-relay\",\"agent\":\"lb-a\""), "requester's audit line");
        assertTrue(log(1).contains("\"outcome\":\"ok\""));
        String owner = log(0);
        assertTrue(owner.contains("\"event\":\"agent-relayed-job\",\"agent\":\"lb-a\""), "owner's audit line");
        assertTrue(owner.contains("\"event\":\"agent-job\",\"agent\":\"lb-a\""), "the job on the agent's connection");
        assertEquals(0, rows("SELECT COUNT(*) FROM agent_relay_job"));
    }

    @Test
    @Order(2)
    void anAgentConnectedNowhereIsNamedWithWhoIsConnectedWhere() throws Exception {
        Answer a = api(1, "tcp 127.0.0.1:" + open.getLocalPort() + " --from lb-q");
        assertEquals(503, a.status(), a.body());
        assertTrue(a.body().contains("no agent 'lb-q' is connected to any replica; connected: lb-a (replica ")
                && a.body().contains("-" + replicas.pid(0) + "-"), a.body());
    }

    @Test
    @Order(3)
    void vipFromAnAgentOnAnotherReplicaTakesTheLoadBalancersSideThroughTheStore() throws Exception {
        String vip = "127.0.0.1:" + web.getAddress().getPort();
        Answer a = api(1, "vip " + vip + " --backends " + vip + " --timeout 2s --from lb-a");
        assertEquals(200, a.status(), a.body());
        JsonNode j = a.json();
        assertTrue(j.at("/command").asText().endsWith("--from lb-a"), a.body());
        assertEquals("HEALTHY", j.at("/verdict/cause").asText(), a.body());
        // Step 3 ran on lb-a (its packets from its capture on lo), instance 1 probed the VIP, and the two clocks
        // were compared through the relayed ready.
        assertTrue(j.at("/evidence/lbSide/synsArrived").asInt() >= 1, a.body());
        JsonNode backends = j.at("/steps/2");
        assertTrue(backends.at("/facts/0/value").asText().contains("probed from agent lb-a"), a.body());
        JsonNode lines = backends.at("/substeps/0/packets");
        assertTrue(lines.size() > 0 && lines.get(0).asText().startsWith("[lb-a] "), a.body());
        assertTrue(j.at("/evidence/lbSide/offset/uncertaintyMicros").isNumber(), a.body());
        Path sidePcap = Path.of(j.at("/evidence/lbSide/capture/pcapFile").asText());
        assertTrue(sidePcap.startsWith(captureDir(1)) && Files.size(sidePcap) > 24, a.body());
        assertTrue(audited(log(1), "agent-relay"), "the requester's audit line for the side job");
        assertTrue(audited(log(0), "agent-relayed-job"), "the owner's audit line for the side job");
        assertEquals(0, rows("SELECT COUNT(*) FROM agent_relay_job"));
    }

    /** An audit line of this event for lb-a's side of a vip --from that ended well. */
    static boolean audited(String log, String event) {
        return log.lines().anyMatch(l -> l.contains("\"event\":\"" + event + "\",\"agent\":\"lb-a\"")
                && l.contains("\"side\":\"lb\"") && l.contains("\"outcome\":\"ok\""));
    }

    @Test
    @Order(4)
    void theOwningReplicaKilledMidJobEndsTheJobWithACleanErrorAtItsLease() throws Exception {
        CompletableFuture<Answer> job = CompletableFuture.supplyAsync(() -> {
            try {
                return api(1, "http http://127.0.0.1:" + slow.getAddress().getPort() + "/ --timeout 30s --from lb-a");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (rows("SELECT COUNT(*) FROM agent_relay_job WHERE state = 'running'") == 0) {
            assertTrue(System.nanoTime() < until && !job.isDone(), "the job was never claimed: " + (job.isDone()
                    ? job.get().body() : "still queued"));
            Thread.sleep(100);
        }
        replicas.kill(0);
        Answer a = job.get(120, TimeUnit.SECONDS);
        assertEquals(503, a.status(), a.body());
        // Ended by the lease, not by the check's 30 s or the job's 60 s timeout.
        assertTrue(a.body().contains("agent lb-a is on replica ") && a.body().contains("which stopped renewing its "
                + "lease during the job (it stopped or died)"), a.body());
        assertTrue(log(1).contains("\"outcome\":\"gone\""), "the requester's audit line says gone");
    }
}
