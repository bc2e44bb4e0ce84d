package io.netcheck.lab;

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

/**
 * What the agent ITs share ({@link AgentsLabIT}, {@link VipFromIT}): the packaged server ({@code serve}) in a lab's
 * client namespace with agent and API tokens, agents started in other namespaces dialling out to it, and the ways
 * a test talks to it from the client namespace (the API, the CLI through {@code --server}). {@link #close()} stops
 * every process it started and tears the lab down, whatever state the test left.
 */
final class AgentLab implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration CLI = Duration.ofSeconds(60);

    final LabNetwork lab;
    final String server;
    final String apiToken;
    private final String logs;
    private final Process serve;
    private final List<Process> agents = new ArrayList<>();

    /** POST /api/v1/checks: the HTTP status and the body. */
    record Api(int status, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private AgentLab(LabNetwork lab, int port, String apiToken, String logs, Process serve) {
        this.lab = lab;
        this.server = "http://" + LabNetwork.CLIENT + ":" + port;
        this.apiToken = apiToken;
        this.logs = logs;
        this.serve = serve;
    }

    /**
     * The server in {@code lab}'s client namespace on {@code port}, agents' heartbeat 1 s, captures in /tmp. From here
     * on {@link #close()} tears the lab down; if the server cannot start, this does.
     *
     * @param logs        prefix of the log files under target/ ({@code LOGS-server.log}, {@code LOGS-NAME.log})
     * @param agentTokens NETCHECK_AGENT_TOKENS
     */
    static AgentLab start(LabNetwork lab, int port, String logs, String apiToken, String agentTokens) throws Exception {
        try {
            return new AgentLab(lab, port, apiToken, logs, serve(lab, port, logs, apiToken, agentTokens));
        } catch (Exception | Error e) {
            lab.close(); // nobody else holds it yet
            throw e;
        }
    }

    private static Process serve(LabNetwork lab, int port, String logs, String apiToken, String agentTokens)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), java(),
                "-Dnetcheck.agent.heartbeat=1s", "-Dnetcheck.agent.job-timeout=30s", "-jar", jar(), "serve");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("NETCHECK_STORE_URL", "jdbc:h2:mem:" + logs);
        pb.environment().put("NETCHECK_CAPTURE_DIRECTORY", "/tmp");
        pb.environment().put("NETCHECK_API_TOKEN", apiToken);
        pb.environment().put("NETCHECK_AGENT_TOKENS", agentTokens);
        return pb.redirectErrorStream(true).redirectOutput(new File("target/" + logs + "-server.log")).start();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String jar() {
        return Path.of(System.getProperty(LabNetwork.APP_JAR_PROPERTY)).toAbsolutePath().toString();
    }

    /**
     * An agent in {@code node}'s namespace (zone {@code lab}, label {@code role=lb}), dialling out to the server; it
     * retries with backoff (at most 2 s) until the server listens. Its output goes to {@link #log(String)}.
     */
    Process startAgent(String node, String name, String token, String... props) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace(node), java(),
                "-Dnetcheck.agent.heartbeat=1s", "-Dnetcheck.agent.reconnect-max=2s"));
        cmd.addAll(Arrays.asList(props));
        cmd.addAll(List.of("-jar", jar(), "agent", "--connect", server, "--name", name, "--zone", "lab",
                "--label", "role=lb"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NETCHECK_AGENT_TOKEN", token);
        Process p = pb.redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
        agents.add(p);
        return p;
    }

    Path log(String name) {
        return Path.of("target/" + logs + "-" + name + ".log");
    }

    String serverLog() throws Exception {
        return Files.readString(log("server"));
    }

    LabNetwork.Result curl(String... args) {
        return lab.curl(CLI, args);
    }

    /** GET /api/v1/agents: the connected agents, empty when the server does not answer (yet). */
    JsonNode agents() throws Exception {
        LabNetwork.Result r = curl("-H", "Authorization: Bearer " + apiToken, server + "/api/v1/agents");
        return r.ok() && r.stdout().startsWith("{") ? JSON.readTree(r.stdout()).get("agents") : JSON.createArrayNode();
    }

    List<String> agentNames() throws Exception {
        List<String> names = new ArrayList<>();
        agents().forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    /** Waits until exactly {@code names} are connected (fails after {@code limit}, or when the server died). */
    void awaitAgents(List<String> names, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (!agentNames().equals(names)) {
            if (System.nanoTime() > until || !serve.isAlive()) {
                fail("agents " + names + " not connected; see target/" + logs + "-*.log");
            }
            Thread.sleep(300);
        }
    }

    /** Waits until the server's log has {@code text} (an audit line: the job reached it). */
    void awaitLog(String text, Duration limit) throws Exception {
        long until = System.nanoTime() + limit.toNanos();
        while (!serverLog().contains(text)) {
            assertTrue(System.nanoTime() < until, "not in the server's log: " + text);
            Thread.sleep(100);
        }
    }

    /** POST /api/v1/checks from the client namespace with the API token. */
    Api api(String command) {
        LabNetwork.Result r = curl("-w", "%{http_code}", "-H", "Authorization: Bearer " + apiToken, "-H",
                "Content-Type: application/json", "-d", "{\"command\":\"" + command + "\"}", server + "/api/v1/checks");
        String out = r.stdout();
        assertTrue(out.length() >= 3, r::toString);
        return new Api(Integer.parseInt(out.substring(out.length() - 3)), out.substring(0, out.length() - 3));
    }

    /** The packaged CLI in the client namespace, NETCHECK_API_TOKEN set to {@code token} (none when null). */
    LabNetwork.Result cli(String token, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", lab.namespace("client"), java(), "-jar", jar()));
        cmd.addAll(Arrays.asList(args));
        return LabNetwork.execute(cmd, token == null ? Map.of() : Map.of("NETCHECK_API_TOKEN", token), CLI);
    }

    @Override
    public void close() throws Exception {
        try {
            for (Process p : agents) {
                stop(p);
            }
            stop(serve);
        } finally {
            lab.close();
        }
    }

    private static void stop(Process p) throws InterruptedException {
        if (p.isAlive()) {
            p.destroy();
            p.waitFor();
        }
    }
}
