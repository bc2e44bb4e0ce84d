package io.netcheck.lab;

import static io.netcheck.lab.CliRun.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vip svc/...} end to end: the packaged CLI, in the lab's client namespace, reads Services and EndpointSlices
 * from a test Kubernetes API (the fabric8 mock server, {@link LabKubeApi}, on the namespace's 127.0.0.1, found
 * through a kubeconfig as outside a cluster) whose endpoints are the lab's real servers, and runs the real checklist
 * against them with faults injected.
 */
class KubeServiceIT {
    static LabNetwork lab;
    static Process api;
    static Path dir;
    static Map<String, String> env;

    @BeforeAll
    static void up() throws Exception {
        lab = LabNetwork.up("ks", 3);
        dir = Files.createTempDirectory("netcheck-ks-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free here; the client namespace's loopback is its own, so free there too
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        api = lab.start("client", dir.resolve("api.err"), java, "-cp", System.getProperty("java.class.path"),
                LabKubeApi.class.getName(), String.valueOf(port));
        BufferedReader out = new BufferedReader(new InputStreamReader(api.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        assertEquals("READY", line, () -> "the test API server did not start: " + read(dir.resolve("api.err")));
        env = Map.of("KUBECONFIG", kubeconfig("lab", port).toString());
        lab.run("haproxy", "http", "--check");
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (api != null) {
                api.descendants().forEach(ProcessHandle::destroy);
                api.destroy();
                api.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    static Path kubeconfig(String name, int port) throws Exception {
        Path file = dir.resolve(name + ".kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: lab
                    cluster:
                      server: http://127.0.0.1:%d
                contexts:
                  - name: lab
                    context:
                      cluster: lab
                      user: lab
                      namespace: shop
                current-context: lab
                users:
                  - name: lab
                    user:
                      token: lab-token
                """.formatted(port));
        return file;
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(" + e + ")";
        }
    }

    static CliRun netcheck(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return CliRun.of(lab.netcheck(Duration.ofSeconds(60), env, all.toArray(String[]::new)));
    }

    static JsonNode substep(CliRun run, String name) {
        for (JsonNode s : run.step("backends").get("substeps")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no sub-step " + name + ": " + run.describe());
    }

    @Test
    void aPodMarkedReadyThatRefusesIsCalledOut() {
        lab.run("backend-start", "all");
        lab.run("backend-stop", "2"); // its EndpointSlice still says ready
        try {
            // No namespace given: the kubeconfig context's (shop).
            CliRun run = netcheck(env, "vip", "svc/web:http", "--timeout", "2s");
            expect(run, "DEGRADED", "server", 1);
            assertEquals("ready-endpoint-refuses", run.json().at("/verdict/rule").asText(), run::describe);
            assertTrue(run.json().at("/verdict/summary").asText().contains("pod web-2"), run::describe);
            assertTrue(run.fact("reach", "vip from").startsWith("svc/web.shop (type ClusterIP, port http/80): its "
                    + "clusterIP, 203.0.113.10:80"), run::describe);
            assertTrue(run.fact("backends", "pool from").contains("EndpointSlices web-4a, web-4b, web-6a"), run::describe);
            assertTrue(run.fact("backends", "called out").contains("marked ready but refuses: 203.0.113.131:80 (pod web-2"),
                    run::describe);
            assertEquals("3/4 UP", run.step("backends").get("outcome").asText(), run::describe);
            JsonNode b2 = substep(run, "203.0.113.131:80");
            assertEquals("REFUSED", b2.get("outcome").asText());
            assertTrue(b2.get("packets").toString().contains("Flags [R."), b2::toPrettyString);
            assertTrue(b2.toString().contains("pod web-2 on node node-a, ready (slice web-4a)"), b2::toPrettyString);
            assertEquals("HEALTHY", substep(run, "[2001:db8:200::1:1]:80").get("outcome").asText(), run::describe);
            assertTrue(run.json().at("/command").asText().startsWith("vip svc/web:http (203.0.113.10:80)"), run::describe);
        } finally {
            lab.run("backend-start", "all");
        }
    }

    @Test
    void aSelectorMatchingNoPodIsTheServicesOwners() {
        CliRun run = netcheck(env, "vip", "svc/gone.shop", "--timeout", "2s");
        expect(run, "SERVICE_MISCONFIGURED", "platform", 1);
        assertEquals("service-misconfigured", run.json().at("/verdict/rule").asText());
        assertEquals("HIGH", run.json().at("/verdict/confidence").asText(), run::describe);
        assertEquals("NO_BACKENDS", run.step("backends").get("outcome").asText());
        assertTrue(run.fact("backends", "misconfigured").contains("the selector matches no pod"), run::describe);
    }

    @Test
    void noReadyPodIsBackendsDownWithThePodsAsProof() {
        lab.run("backend-stop", "all");
        try {
            CliRun run = netcheck(env, "vip", "svc/sick.shop", "--timeout", "2s");
            expect(run, "BACKENDS_DOWN", "server", 1);
            assertEquals("no-ready-endpoints", run.json().at("/verdict/rule").asText(), run::describe);
            assertTrue(run.json().at("/verdict/explanation").asText().contains("(pod sick-1 on node-a, not ready)"),
                    run::describe);
            assertEquals(3, run.json().at("/verdict/signals").size(), run::describe);
        } finally {
            lab.run("backend-start", "all");
        }
    }

    @Test
    void anApiServerThatIsDownIsAClearMessageNotAHang() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(60), Map.of("KUBECONFIG",
                kubeconfig("down", closed).toString()), "vip", "svc/web.shop");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.stderr().contains("netcheck: cannot reach the Kubernetes API server http://127.0.0.1:" + closed),
                r::toString);
        assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r);
        // Nothing hangs: the refused connection ends the run (JVM start included; a busy CI machine is slow to start).
        assertTrue(ms < 30_000, "took " + ms + " ms");
    }
}
