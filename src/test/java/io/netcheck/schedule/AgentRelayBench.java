package io.netcheck.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The latency a relay adds (bench/agent-relay-bench.sh): two packaged instances on one throwaway PostgreSQL, agent
 * lb-a on loopback connected to instance 0. The same {@code tcp 127.0.0.1:PORT --no-capture --from lb-a} through the
 * check API of instance 0 (the agent's own replica: local) and of instance 1 (relayed through the store), alternately,
 * JOBS times each after 10 unmeasured warm-up jobs each; the client's wall time per call, median and p90.
 *
 * <p>Arguments: JOBS (default 50).
 */
public final class AgentRelayBench {
    static final String API_TOKEN = "bench-api-token";
    static final String AGENT_TOKEN = "bench-agent-token";
    static final String LOOPBACK_ALLOWED = "-Dnetcheck.policy.builtin-deny=169.254.0.0/16,fd00:ec2::254/128";

    private AgentRelayBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!open.isClosed()) {
                try (Socket s = open.accept()) {
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    // closed at the end
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Process agent = null;
        try (Replicas replicas = new Replicas("agent-relay-bench", 2, 18402, 55441, List.of(LOOPBACK_ALLOWED,
                "-Dnetcheck.capture.enabled=false"), Map.of("NETCHECK_API_TOKEN", API_TOKEN,
                "NETCHECK_AGENT_TOKENS", "lb-a=" + AGENT_TOKEN))) {
            replicas.start(0);
            replicas.start(1);
            ProcessBuilder pb = new ProcessBuilder(Replicas.java(), LOOPBACK_ALLOWED, "-Dnetcheck.capture.enabled=false",
                    "-jar", Replicas.jar().toString(), "agent", "--connect", "http://127.0.0.1:" + replicas.port(0),
                    "--name", "lb-a");
            pb.environment().put("NETCHECK_AGENT_TOKEN", AGENT_TOKEN);
            agent = pb.redirectErrorStream(true).redirectOutput(new File("target/agent-relay-bench-lb-a.log")).start();
            long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!present(replicas)) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("lb-a did not connect; see target/agent-relay-bench-*.log");
                }
                Thread.sleep(300);
            }
            String command = "tcp 127.0.0.1:" + open.getLocalPort() + " --no-capture --from lb-a";
            List<Long> local = new ArrayList<>();
            List<Long> relayed = new ArrayList<>();
            for (int i = 0; i < 10 + jobs; i++) {
                long l = call(http, replicas.port(0), command);
                long r = call(http, replicas.port(1), command);
                if (i >= 10) {
                    local.add(l);
                    relayed.add(r);
                }
            }
            System.out.println("| job | through | jobs | median ms | p90 ms | max ms |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            row("local (agent on this replica)", local);
            row("relayed (agent on the other replica)", relayed);
            System.out.printf("added by the relay: median %.1f ms, p90 %.1f ms%n",
                    (quantile(relayed, 0.5) - quantile(local, 0.5)) / 1e6,
                    (quantile(relayed, 0.9) - quantile(local, 0.9)) / 1e6);
        } finally {
            if (agent != null) {
                agent.destroy();
                if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                    agent.destroyForcibly();
                }
            }
            open.close();
        }
    }

    private static boolean present(Replicas replicas) {
        try (Connection c = replicas.db(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT replica FROM agent_presence WHERE agent = 'lb-a'")) {
            return r.next() && r.getString(1).contains("-" + replicas.pid(0) + "-");
        } catch (SQLException e) {
            return false;
        }
    }

    /** One check through instance {@code port}'s API: its wall time in ns; anything but 200 stops the benchmark. */
    private static long call(HttpClient http, int port, String command) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/checks")).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + API_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        new ObjectMapper().createObjectNode().put("command", command).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t0;
        if (r.statusCode() != 200 || !r.body().contains("\"HEALTHY\"")) {
            throw new IllegalStateException("port " + port + ": " + r.statusCode() + " " + r.body());
        }
        return took;
    }

    private static double quantile(List<Long> values, double q) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static void row(String what, List<Long> ns) {
        System.out.printf("| tcp --no-capture | %s | %d | %.1f | %.1f | %.1f |%n", what, ns.size(),
                quantile(ns, 0.5) / 1e6, quantile(ns, 0.9) / 1e6, Collections.max(ns) / 1e6);
    }
}
