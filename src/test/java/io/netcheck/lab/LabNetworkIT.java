package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.netcheck.lab.LabNetwork.Result;

/**
 * Proves the lab itself (not netcheck): servers answer, faults produce the symptoms the diagnosis tests
 * rely on, and teardown leaves nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabNetworkIT {

    private static final String ID = "lt";
    private static final Duration T = Duration.ofSeconds(15);
    /** curl exit codes */
    private static final int COULDNT_CONNECT = 7;
    private static final int TIMED_OUT = 28;
    private static final int EMPTY_REPLY = 52;

    private LabNetwork lab;

    @BeforeAll
    void up() {
        lab = LabNetwork.up(ID, 3);
    }

    @AfterAll
    void down() {
        if (lab != null) {
            lab.close();
        }
    }

    /** GET url from the client: stdout is the body followed by a last line with the status code. */
    private Result get(String url, String... extra) {
        String[] args = new String[extra.length + 5];
        System.arraycopy(extra, 0, args, 0, extra.length);
        args[extra.length] = "-g";
        args[extra.length + 1] = "-m";
        args[extra.length + 2] = "3";
        args[extra.length + 3] = "-w";
        args[extra.length + 4] = "\\n%{http_code}";
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = url;
        return lab.curl(T, all);
    }

    private static String body(Result r) {
        String out = r.stdout();
        int nl = out.lastIndexOf('\n');
        return nl < 0 ? "" : out.substring(0, nl);
    }

    private static String code(Result r) {
        String out = r.stdout();
        return out.substring(out.lastIndexOf('\n') + 1).trim();
    }

    private static Result poll(Duration max, Supplier<Result> action, Predicate<Result> done) {
        long deadline = System.nanoTime() + max.toNanos();
        Result r = action.get();
        while (!done.test(r) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = action.get();
        }
        return r;
    }

    @Test
    @Order(1)
    void everyBackendAnswersTheClientDirectly() {
        for (int k = 1; k <= 3; k++) {
            Result r = get("http://" + LabNetwork.backend(k) + "/");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("200", code(r), r::toString);
            assertEquals("backend b" + k + "\n", body(r), r::toString);
            Result headers = lab.curl(T, "-m", "3", "-i", "http://" + LabNetwork.backend(k) + "/");
            assertTrue(headers.stdout().toLowerCase().contains("\nx-backend: b" + k + "\r\n"), headers::toString);
            Result v6 = get("http://[" + LabNetwork.backend6(k) + "]/");
            assertEquals("backend b" + k + "\n", body(v6), v6::toString);
        }
    }

    @Test
    @Order(2)
    void haproxyHttpServesTheVipOverIpv4AndIpv6() {
        lab.run("haproxy", "http", "--check");
        Result r = get("http://" + LabNetwork.VIP_HAPROXY + "/");
        assertEquals("200", code(r), r::toString);
        assertTrue(body(r).matches("backend b[123]\n"), r::toString);
        Result v6 = get("http://[" + LabNetwork.VIP6 + "]/");
        assertEquals("200", code(v6), v6::toString);
        assertTrue(body(v6).matches("backend b[123]\n"), v6::toString);
    }

    @Test
    @Order(3)
    void haproxyWithoutBackends() throws InterruptedException {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-stop", "all");
        try {
            // health checks every 200 ms, fall 1: all servers are DOWN after one check. Wait for that, since
            // a request that arrives earlier is retried on a dead server 3 times, 1 s apart, before its 503.
            Thread.sleep(600);
            Result r = poll(Duration.ofSeconds(3), () -> get("http://" + LabNetwork.VIP_HAPROXY + "/"),
                    x -> "503".equals(code(x)));
            assertEquals("503", code(r), r::toString);
            assertTrue(body(r).contains("No server is available to handle this request."), r::toString);

            // TCP mode: HAProxy accepts, cannot reach any server (retries 3 x 1 s), closes: empty reply
            lab.run("haproxy", "tcp");
            Result tcp = lab.curl(T, "-m", "8", "http://" + LabNetwork.VIP_HAPROXY + "/");
            assertEquals(EMPTY_REPLY, tcp.exit(), tcp::toString);
        } finally {
            lab.run("backend-start", "all");
            lab.run("haproxy-stop");
        }
    }

    @Test
    @Order(4)
    void dnatVip() {
        try {
            lab.run("dnat");
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Result r = get("http://" + LabNetwork.VIP_DNAT + "/");
                assertEquals("200", code(r), r::toString);
                seen.add(body(r));
            }
            assertEquals(Set.of("backend b1\n", "backend b2\n", "backend b3\n"), seen, "nth round robin over 3 backends");

            lab.run("dnat", "--backend-port", "8080");
            Result refused = lab.curl(T, "-m", "3", "http://" + LabNetwork.VIP_DNAT + "/");
            assertEquals(COULDNT_CONNECT, refused.exit(), refused::toString);
        } finally {
            lab.run("dnat-clear");
        }
    }

    @Test
    @Order(5)
    void routerFirewall() {
        lab.run("haproxy", "http");
        try {
            lab.run("fw", "drop");
            Result dropped = lab.curl(T, "-m", "2", "http://" + LabNetwork.VIP_HAPROXY + "/");
            assertEquals(TIMED_OUT, dropped.exit(), dropped::toString);

            lab.run("fw", "reject");
            long t0 = System.nanoTime();
            Result rejected = lab.curl(T, "-m", "2", "http://" + LabNetwork.VIP_HAPROXY + "/");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(COULDNT_CONNECT, rejected.exit(), rejected::toString);
            assertTrue(ms < 1000, "REJECT should refuse fast, took " + ms + " ms");

            lab.run("fw", "clear");
            Result open = get("http://" + LabNetwork.VIP_HAPROXY + "/");
            assertEquals("200", code(open), open::toString);
        } finally {
            lab.run("fw", "clear");
            lab.run("haproxy-stop");
        }
    }

    @Test
    @Order(6)
    void dnsAndRouting() {
        Result v4 = lab.exec("client", T, "getent", "ahostsv4", LabNetwork.VIP_NAME);
        assertEquals(0, v4.exit(), v4::toString);
        assertTrue(v4.stdout().startsWith(LabNetwork.VIP_HAPROXY + " "), v4::toString);
        Result v6 = lab.exec("client", T, "getent", "ahostsv6", LabNetwork.VIP_NAME);
        assertTrue(v6.stdout().startsWith(LabNetwork.VIP6 + " "), v6::toString);
        Result b2 = lab.exec("client", T, "getent", "ahostsv4", LabNetwork.backendHost(2));
        assertTrue(b2.stdout().startsWith(LabNetwork.backend(2) + " "), b2::toString);
        Result unknown = lab.exec("client", T, "getent", "hosts", LabNetwork.UNKNOWN_NAME);
        assertEquals(2, unknown.exit(), "getent: name not found\n" + unknown);

        // no route on the router: ICMP net unreachable, curl fails at once
        Result unrouted = lab.curl(T, "-m", "2", "http://" + LabNetwork.UNROUTED + "/");
        assertEquals(COULDNT_CONNECT, unrouted.exit(), unrouted::toString);
    }

    @Test
    @Order(100)
    void closeLeavesNothingBehind() throws Exception {
        lab.close();
        lab.close(); // idempotent
        Result list = LabNetwork.execute(java.util.List.of("ip", "netns", "list"), java.util.Map.of(), T);
        assertEquals(0, list.exit(), list::toString);
        assertFalse(list.stdout().lines().anyMatch(l -> l.startsWith("nc" + ID + "-")), list::toString);
        assertFalse(Files.exists(Path.of("/tmp/netlab-" + ID)), "state dir left behind");
        assertFalse(Files.exists(Path.of("/etc/netns/nc" + ID + "-client")), "/etc/netns entry left behind");
    }
}
