package io.netcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lean start ({@link LeanMain}, what src/main/bin/netcheck runs for a check) and the Quarkus main
 * ({@code NETCHECK_LEAN=0}) give the same report, text and JSON, and the same exit status for the same check,
 * run from the packaged app on loopback. Reports differ only where two runs of the same check differ: times,
 * ephemeral ports, sequence numbers (digits are masked) and the captured packets' lines.
 */
class LeanStartIT {
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** A tcpdump line of a captured packet (text), or a JSON "packets" entry, which two runs never share. */
    private static final Pattern PACKET = Pattern.compile("^\\s*\"?\\d\\d:\\d\\d:\\d\\d\\.\\d+ (IP|ARP|IP6) .*$");

    /** A VIP and three backends: web servers on loopback answering 200. */
    static final List<HttpServer> web = new ArrayList<>();
    static int open;
    static int closed;

    @BeforeAll
    static void targets() throws IOException {
        for (int i = 0; i < 4; i++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/", exchange -> {
                byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            web.add(server);
        }
        open = web.get(0).getAddress().getPort();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // closed again when the checks run: connection refused
        }
    }

    @AfterAll
    static void stop() {
        web.forEach(server -> server.stop(0));
    }

    record Run(int exit, String stdout, String stderr) {
    }

    static Run run(boolean lean, String... args) throws Exception {
        return run(lean, Map.of(), args);
    }

    static Run run(boolean lean, Map<String, String> env, String... args) throws Exception {
        String jar = System.getProperty("netcheck.app.jar");
        List<String> cmd = new ArrayList<>(List.of("sh", Path.of("src", "main", "bin", "netcheck").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("lean-", ".out");
        Path err = Files.createTempFile("lean-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("NETCHECK_APP", Path.of(jar).getParent().toString());
            pb.environment().put("NETCHECK_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            pb.environment().put("NETCHECK_LEAN", lean ? "1" : "0");
            pb.environment().putAll(env);
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "netcheck did not finish in 60 s: " + cmd);
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Two runs of one check, lean and Quarkus: the same exit and the same report once run-to-run noise is masked. */
    static Run same(String... args) throws Exception {
        Run lean = run(true, args);
        Run quarkus = run(false, args);
        String both = "lean:\n" + lean + "\nquarkus:\n" + quarkus;
        assertEquals(quarkus.exit(), lean.exit(), both);
        assertEquals(masked(quarkus.stdout()), masked(lean.stdout()), both);
        assertFalse(lean.stderr().contains("Exception"), both);
        return lean;
    }

    static String masked(String report) {
        return report.lines().filter(l -> !PACKET.matcher(l).matches())
                .map(l -> DIGITS.matcher(l).replaceAll("#")).collect(Collectors.joining("\n"));
    }

    @Test
    void aHealthyTcpCheckReadsTheSame() throws Exception {
        Run r = same("tcp", "127.0.0.1:" + open);
        assertEquals(Cli.HEALTHY, r.exit(), r.toString());
        assertTrue(r.stdout().contains("VERDICT  HEALTHY"), r.stdout());
    }

    @Test
    void aHealthyVipWithThreeBackendsReadsTheSameInJson() throws Exception {
        Run r = same("vip", "127.0.0.1:" + open, "--backends", web.subList(1, 4).stream()
                .map(server -> "127.0.0.1:" + server.getAddress().getPort()).collect(Collectors.joining(",")), "--json");
        assertEquals(Cli.HEALTHY, r.exit(), r.toString());
        assertTrue(r.stdout().contains("\"healthy\" : true"), r.stdout());
    }

    @Test
    void aRefusedPortIsTheSameFault() throws Exception {
        Run r = same("tcp", "127.0.0.1:" + closed, "--timeout", "500ms");
        assertEquals(Cli.FAULT, r.exit(), r.toString());
    }

    @Test
    void helpAndBadInputReadTheSame() throws Exception {
        assertEquals(Cli.HEALTHY, same("help").exit());
        assertEquals(Cli.HEALTHY, same("help", "vip").exit());
        Run lean = run(true, "vip", "--backends");
        Run quarkus = run(false, "vip", "--backends");
        assertEquals(Cli.USAGE, lean.exit(), lean.toString());
        assertEquals(quarkus.exit(), lean.exit());
        assertEquals(quarkus.stderr(), lean.stderr(), "lean:\n" + lean + "\nquarkus:\n" + quarkus);
    }

    @Test
    void theConfigurationMeansTheSameToBoth() throws Exception {
        // A setting from the environment, in Quarkus' own spelling: the default timeout shows in the command line.
        Map<String, String> env = Map.of("NETCHECK_PROBE_TIMEOUT", "1500ms");
        Run lean = run(true, env, "tcp", "127.0.0.1:" + open);
        Run quarkus = run(false, env, "tcp", "127.0.0.1:" + open);
        assertTrue(lean.stdout().contains("--timeout 1500ms"), lean.toString());
        assertEquals(masked(quarkus.stdout()), masked(lean.stdout()));
    }
}
