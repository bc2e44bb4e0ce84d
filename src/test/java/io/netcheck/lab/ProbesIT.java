package io.netcheck.lab;

import static io.netcheck.lab.CliRun.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The single-probe commands (the connectivity guide's tools), run as the real CLI inside the lab's
 * client namespace, against real servers and injected faults. Each test asserts the facts reported.
 */
class ProbesIT {
    static final String B1 = LabNetwork.backend(1);
    static LabNetwork lab;

    @BeforeAll
    static void up() {
        lab = LabNetwork.up("pr", 2);
    }

    @AfterAll
    static void down() {
        if (lab != null) {
            lab.close();
        }
    }

    @BeforeEach
    void cleanSlate() {
        lab.run("fw", "clear");
        lab.run("haproxy-stop");
        lab.run("tls-server-stop");
        lab.run("backend-undrop", "all");
        lab.run("backend-start", "all");
    }

    /**
     * Runs the packaged CLI in the client namespace like {@link LabNetwork#netcheck}, but under
     * {@code timeout -s QUIT}: a run that hangs prints the JVM's thread dump before it is killed, so the
     * failure says where it hung.
     */
    static CliRun netcheck(String... args) {
        return netcheckOn("client", args);
    }

    /** The CLI run in another node's namespace (listeners and listen look at the host they run on). */
    static CliRun netcheckOn(String node, String... args) {
        List<String> all = new ArrayList<>(List.of("timeout", "-s", "QUIT", "-k", "5", "60",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty(LabNetwork.APP_JAR_PROPERTY)));
        all.addAll(List.of(args));
        all.add("--json");
        LabNetwork.Result r = lab.exec(node, Duration.ofSeconds(90), all.toArray(String[]::new));
        return CliRun.of(r);
    }

    static boolean any(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    // ---- tcp ------------------------------------------------------------------------------------------

    @Test
    void tcpConnectsToABackendByNameAndShowsTheHandshake() throws Exception {
        CliRun run = netcheck("tcp", LabNetwork.backendHost(1) + ":80");
        expect(run, "HEALTHY", "none", 0);
        assertEquals("CONNECTED", run.step("connect").get("outcome").asText());
        assertTrue(run.fact("connect", "resolved").startsWith("b1.lab.test → " + B1), run::describe);
        assertTrue(run.fact("connect", "answered by").startsWith(B1 + ": SYN-ACK (TTL 62, 2 hops away)"),
                run::describe);
        List<String> packets = run.packets("connect");
        assertTrue(any(packets, "IP 198.51.100.2.") && any(packets, "> " + B1 + ".80: Flags [S]"), run::describe);
        assertTrue(any(packets, "IP " + B1 + ".80 > 198.51.100.2.") && any(packets, "Flags [S.]"), run::describe);
        Path pcap = Path.of(run.json().get("pcap").asText());
        LabNetwork.Result read = lab.exec("client", Duration.ofSeconds(10), "tcpdump", "-nn", "-r", pcap.toString());
        // The .pcap holds the connection and the target host's own answers (echo, second port), shown beside it.
        assertEquals(packets.size() + run.packets("connect", "target-host").size(), read.stdout().lines().count(),
                read.stdout());
        Files.deleteIfExists(pcap);
    }

    @Test
    void tcpToADroppedPortShowsSynRetransmitsAndBlamesTheFirewall() {
        lab.run("fw", "drop", "--dst", B1, "--port", "80");
        CliRun run = netcheck("tcp", B1 + ":80", "--timeout", "2s");
        expect(run, "FIREWALL_DROP", "firewall", 1);
        assertEquals("TIMEOUT", run.step("connect").get("outcome").asText());
        List<String> packets = run.packets("connect");
        assertTrue(packets.size() >= 2, "a SYN and at least one retransmit: " + packets);
        assertTrue(packets.stream().allMatch(l -> l.contains("IP 198.51.100.2.") && l.contains("Flags [S]")),
                "only our SYNs, nothing back: " + packets);
        assertTrue(run.fact("connect", "answered by").startsWith("nobody"), run::describe);
    }

    @Test
    void tcpToAClosedPortSaysNothingListens() {
        CliRun run = netcheck("tcp", B1 + ":8080");
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("nothing listens on " + B1 + ":8080", run.json().at("/verdict/summary").asText());
        assertEquals("REFUSED", run.step("connect").get("outcome").asText());
        assertTrue(any(run.packets("connect"), "IP " + B1 + ".8080 > 198.51.100.2.")
                && any(run.packets("connect"), "Flags [R.]"), run::describe);
    }

    @Test
    void tcpRejectedByTheRouterNamesTheRouter() {
        lab.run("fw", "reject", "--dst", B1, "--port", "80");
        CliRun run = netcheck("tcp", B1 + ":80");
        expect(run, "FIREWALL_REJECT", "firewall", 1);
        assertEquals("REFUSED", run.step("connect").get("outcome").asText(), run::describe);
        assertTrue(run.fact("connect", "answered by").startsWith("198.51.100.1 (a router or firewall"), run::describe);
        assertTrue(any(run.packets("connect"), "IP 198.51.100.1 > 198.51.100.2: ICMP " + B1 + " tcp port 80 unreachable"),
                run::describe);
    }

    @Test
    void tcpToAnUnroutedAddressIsRouting() {
        CliRun run = netcheck("tcp", LabNetwork.UNROUTED + ":80");
        expect(run, "ROUTING", "network", 1);
        assertTrue(any(run.packets("connect"), "net " + LabNetwork.UNROUTED + " unreachable"), run::describe);
    }

    // ---- dns ------------------------------------------------------------------------------------------

    // ---- banner -----------------------------------------------------------------------------------------

    @Test
    void bannerFromAWebServerConnectsUnderTheCaptureAndHearsNothing() {
        // nginx waits for the client's request: connected, and silent for the whole wait.
        CliRun run = netcheck("banner", B1 + ":80", "--wait", "300ms");
        expect(run, "APP_ERROR", "server", 1);
        assertEquals("banner-silent", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("CONNECTED", run.step("connect").get("outcome").asText());
        assertEquals("silent", run.step("banner").get("outcome").asText(), run::describe);
        assertEquals("SILENCE", run.json().at("/evidence/end").asText(), run::describe);
        assertTrue(any(run.packets("connect"), "IP " + B1 + ".80 > 198.51.100.2.")
                && any(run.packets("connect"), "Flags [S.]"), run::describe);
    }

    @Test
    void dnsAnswersFromTheLabResolverWithTtlAndNoInventedAnswers() {
        CliRun run = netcheck("dns", LabNetwork.VIP_NAME);
        expect(run, "HEALTHY", "none", 0);
        JsonNode system = run.step("system");
        assertEquals("NOERROR", system.get("outcome").asText(), run::describe);
        assertTrue(system.get("title").asText().contains(LabNetwork.DNS_SERVER + "#53"), run::describe);
        assertTrue(run.fact("system", "answer").matches("vip\\.lab\\.test\\. \\d+ IN A 203\\.0\\.113\\.10"),
                run::describe);
        assertTrue(run.fact("system", "time").endsWith("ms"), run::describe);
        assertEquals("NO", run.step("invented").get("outcome").asText(), run::describe);
        assertTrue(run.fact("invented", "made-up name").matches("nc-[a-z0-9]{10}\\.lab\\.test\\. A"), run::describe);
    }

    @Test
    void dnsSaysNxdomainForAnUnknownName() {
        CliRun run = netcheck("dns", LabNetwork.UNKNOWN_NAME, "@" + LabNetwork.DNS_SERVER);
        expect(run, "DNS", "dns", 1);
        assertEquals("dns-nxdomain", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("NXDOMAIN", run.step("system").get("outcome").asText());
        assertEquals("NXDOMAIN", run.step("named").get("outcome").asText());
    }

    @Test
    void dnsCallsOutAnAnswerOtherThanTheExpectedOne() {
        CliRun run = netcheck("dns", LabNetwork.VIP_NAME, "--expect", LabNetwork.VIP_NGINX);
        expect(run, "DNS", "dns", 1);
        assertEquals("vip.lab.test. resolves to 203.0.113.10, not 203.0.113.12",
                run.json().at("/verdict/summary").asText(), run::describe);
        assertEquals("UNEXPECTED", run.step("expect").get("outcome").asText());
    }

    @Test
    void dnsToAServerThatDoesNotServeDns() {
        // The lb runs no DNS server: its kernel answers ICMP port unreachable.
        CliRun run = netcheck("dns", LabNetwork.VIP_NAME, "@" + LabNetwork.LB, "--timeout", "1s");
        expect(run, "DNS", "dns", 1);
        assertEquals("NO_ANSWER", run.step("named").get("outcome").asText(), run::describe);
        assertEquals("NOERROR", run.step("system").get("outcome").asText(), run::describe);
    }

    // ---- tls ------------------------------------------------------------------------------------------

    @Test
    void tlsShowsTheChainAndExpiryOfAnOpensslCertificate() {
        lab.run("tls-server", "--days", "10");
        CliRun run = netcheck("tls", LabNetwork.VIP_NAME + ":443");
        // Self-signed: untrusted comes before "expires soon" in the table; both are in the step.
        expect(run, "TLS", "lb", 1);
        assertEquals("tls-untrusted-chain", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("CONNECTED", run.step("connect").get("outcome").asText());
        assertTrue(run.fact("tls", "protocol").startsWith("TLSv1."), run::describe);
        assertEquals("vip.lab.test", run.fact("tls", "sni"));
        String leaf = run.fact("tls", "certificate 0");
        assertTrue(leaf.startsWith("CN=vip.lab.test, issued by CN=vip.lab.test, valid "), leaf);
        assertTrue(leaf.endsWith("names DNS:vip.lab.test"), leaf);
        assertTrue(run.fact("tls", "expiry").matches("(9|10) days left \\(within the 14-day warning window\\)"),
                run::describe);
        assertTrue(run.fact("tls", "trust").startsWith("chain NOT trusted"), run::describe);
        assertEquals("certificate covers vip.lab.test", run.fact("tls", "name"));
        assertTrue(any(run.packets("connect"), "Flags [S.]"), run::describe);
    }

    @Test
    void tlsWithAnotherNameIsAMismatch() {
        lab.run("tls-server");
        CliRun run = netcheck("tls", LabNetwork.VIP_HAPROXY + ":443", "--sni", "shop.lab.test", "--warn-days", "30");
        expect(run, "TLS", "lb", 1);
        assertEquals("tls-name-mismatch", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("NAME_MISMATCH", run.step("tls").get("outcome").asText(), run::describe);
    }

    @Test
    void tlsToAPortWithoutTlsFailsTheHandshake() {
        CliRun run = netcheck("tls", B1 + ":80");
        expect(run, "TLS", "lb", 1);
        assertEquals("tls-handshake-fails", run.json().at("/verdict/rule").asText(), run::describe);
    }

    @Test
    void tlsToAClosedPortUsesTheConnectRules() {
        CliRun run = netcheck("tls", LabNetwork.VIP_HAPROXY + ":443");
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("SKIPPED", run.step("tls").get("status").asText());
    }

    // ---- http -----------------------------------------------------------------------------------------

    @Test
    void httpToABackendShowsStatusHeadersTimingAndPackets() {
        CliRun run = netcheck("http", "http://" + LabNetwork.backendHost(1) + "/");
        expect(run, "HEALTHY", "none", 0);
        JsonNode request = run.step("request");
        assertEquals("200", request.get("outcome").asText(), run::describe);
        assertEquals("X-Backend: b1", factValue(request, "header", "X-Backend"), run::describe);
        assertTrue(factValue(request, "timing", "").matches("resolve .* ms, connect .* ms, first byte .* ms, "
                + "transfer .* ms \\(total .*\\)"), run::describe);
        JsonNode connect = request.get("substeps").get(0);
        assertTrue(connect.get("packets").toString().contains("Flags [P.]"), run::describe);
    }

    @Test
    void httpFollowsRedirectsAndSaysWhenTheChainLeavesTheHost() {
        lab.run("tls-server");
        CliRun run = netcheck("http", "http://" + LabNetwork.VIP_NAME + ":8080/elsewhere");
        expect(run, "HEALTHY", "none", 0);
        assertEquals("302", run.step("request").get("outcome").asText());
        assertEquals("WARN", run.step("request").get("status").asText());
        assertTrue(factValue(run.step("request"), "redirect", "").contains("ANOTHER HOST: b1.lab.test"), run::describe);
        assertEquals("200", run.step("redirect-1").get("outcome").asText());
        assertTrue(run.json().at("/verdict/explanation").asText().contains("NOTE: the chain left vip.lab.test for "
                + "b1.lab.test"), run::describe);
    }

    @Test
    void httpsWithASelfSignedCertificateFailsUnlessInsecure() {
        lab.run("tls-server");
        CliRun strict = netcheck("http", "http://" + LabNetwork.VIP_NAME + ":8080/moved");
        expect(strict, "TLS", "lb", 1);
        assertEquals("tls-untrusted-chain", strict.json().at("/verdict/rule").asText(), strict::describe);
        CliRun insecure = netcheck("http", "http://" + LabNetwork.VIP_NAME + ":8080/moved", "--insecure");
        expect(insecure, "HEALTHY", "none", 0);
        JsonNode https = insecure.step("redirect-1");
        assertTrue(factValue(https, "timing", "").contains(", tls "), insecure::describe);
        assertEquals("tls", https.get("substeps").get(1).get("name").asText());
    }

    @Test
    void httpRedirectLoop() {
        lab.run("tls-server");
        CliRun run = netcheck("http", "http://" + LabNetwork.VIP_HAPROXY + ":8080/loop");
        expect(run, "APP_ERROR", "server", 1);
        assertEquals("http-redirects-do-not-end", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("NOT_FOLLOWED", run.step("redirects").get("outcome").asText());
    }

    @Test
    void httpThroughHaproxyWithEveryServerDownIsTheLoadBalancersOwnPage() {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-stop", "all");
        CliRun run = null;
        for (int i = 0; i < 20; i++) {
            run = netcheck("http", "http://" + LabNetwork.VIP_NAME + "/");
            if (run.step("request").get("outcome").asText().equals("503")) {
                break;
            }
        }
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("http-lb-error-page", run.json().at("/verdict/rule").asText(), run::describe);
        assertTrue(factValue(run.step("request"), "generated by", "").startsWith("HAProxy"), run::describe);
    }

    /** The value of the first fact with this label (and value prefix) of a step. */
    static String factValue(JsonNode step, String label, String prefix) {
        for (JsonNode f : step.get("facts")) {
            if (f.get("label").asText().equals(label) && f.get("value").asText().startsWith(prefix)) {
                return f.get("value").asText();
            }
        }
        return "";
    }

    // ---- listeners and listen -------------------------------------------------------------------------

    @Test
    void listenersOnABackendShowNginxOnEveryAddress() {
        CliRun run = netcheckOn("b1", "listeners", "80");
        expect(run, "HEALTHY", "none", 0);
        assertEquals("LISTENING", run.step("listeners").get("outcome").asText(), run::describe);
        String tcp = run.fact("listeners", "tcp");
        assertTrue(tcp.startsWith("0.0.0.0:80  nginx (pid "), run::describe);
        assertTrue(run.fact("listeners", "tcp6").startsWith("[::]:80  nginx (pid "), run::describe);
    }

    @Test
    void listenersCallOutALoopbackOnlyService() {
        // A service bound to 127.0.0.1 only, gone by itself after 30 s (alarm).
        lab.exec("b1", Duration.ofSeconds(10), "bash", "-c", "setsid perl -MIO::Socket::INET -e 'alarm 30; my $s = "
                + "IO::Socket::INET->new(LocalAddr => \"127.0.0.1\", LocalPort => 9000, Listen => 5, ReuseAddr => 1)"
                + " or die; sleep 30' >/dev/null 2>&1 < /dev/null &");
        CliRun run = null;
        for (int i = 0; i < 20; i++) {
            run = netcheckOn("b1", "listeners", "9000");
            if (!run.cause().equals("BACKENDS_DOWN")) {
                break;
            }
        }
        expect(run, "APP_ERROR", "server", 1);
        assertEquals("LOOPBACK_ONLY", run.step("listeners").get("outcome").asText(), run::describe);
        assertTrue(run.fact("listeners", "tcp").startsWith("127.0.0.1:9000  perl (pid "), run::describe);
        CliRun none = netcheckOn("b1", "listeners", "9001");
        expect(none, "BACKENDS_DOWN", "server", 1);
    }

    @Test
    void listenReportsTheClientThatConnected() throws Exception {
        var listening = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> netcheckOn("b1", "listen", "9100", "--for", "5s"));
        LabNetwork.Result client = lab.exec("client", Duration.ofSeconds(30), "bash", "-c",
                "for i in $(seq 40); do curl -s -m 1 http://" + B1 + ":9100/hello; rc=$?; [ $rc -eq 52 ] && exit 0; "
                        + "sleep 0.2; done; exit 1");
        assertEquals(0, client.exit(), client::toString);
        CliRun run = listening.get(60, java.util.concurrent.TimeUnit.SECONDS);
        expect(run, "HEALTHY", "none", 0);
        String connection = run.fact("listen", "connection");
        assertTrue(connection.contains(" from 198.51.100.2.") && connection.contains(" to " + B1)
                && connection.contains("sent \"GET /hello HTTP/1.1"), run::describe);
        assertTrue(run.json().at("/elapsedMs").asDouble() < 8000, run::describe);
    }

    // ---- ping and trace -------------------------------------------------------------------------------

    @Test
    void pingABackendThroughTheRouterWithRealIcmpEcho() {
        CliRun run = netcheck("ping", LabNetwork.backendHost(1), "--count", "3");
        expect(run, "HEALTHY", "none", 0);
        assertEquals("0% LOSS", run.step("ping").get("outcome").asText(), run::describe);
        assertTrue(run.fact("ping", "statistics").startsWith("3 sent, 3 received, 0% loss, rtt min/avg/max "),
                run::describe);
        assertTrue(run.fact("ping", "seq 1").matches("reply in .* ms, TTL 62"), run::describe);
        assertTrue(run.fact("ping", "next hop").startsWith(LabNetwork.ROUTER_CLIENT_SIDE + " ("), run::describe);
        List<String> packets = run.packets("ping");
        assertTrue(any(packets, "IP 198.51.100.2 > " + B1 + ": ICMP echo request, id ")
                && any(packets, "IP " + B1 + " > 198.51.100.2: ICMP echo reply, id "), run::describe);
    }

    @Test
    void pingToAnUnroutedAddressNamesTheRouter() {
        CliRun run = netcheck("ping", LabNetwork.UNROUTED, "--count", "2", "--timeout", "1s");
        expect(run, "ROUTING", "network", 1);
        assertEquals("ping-icmp-error", run.json().at("/verdict/rule").asText(), run::describe);
        assertTrue(run.fact("ping", "seq 1").endsWith("from " + LabNetwork.ROUTER_CLIENT_SIDE), run::describe);
    }

    @Test
    void traceToABackendListsTheRouterAndTheLbAsHops() {
        CliRun run = netcheck("trace", B1 + ":80");
        expect(run, "HEALTHY", "none", 0);
        assertEquals("TCP_REACHED", run.step("path").get("outcome").asText(), run::describe);
        assertTrue(run.fact("path", "hop 1").startsWith("icmp: " + LabNetwork.ROUTER_CLIENT_SIDE + " time exceeded"),
                run::describe);
        assertTrue(run.fact("path", "hop 1").contains("tcp/80: " + LabNetwork.ROUTER_CLIENT_SIDE + " time exceeded"),
                run::describe);
        assertTrue(run.fact("path", "hop 2").startsWith("icmp: " + LabNetwork.LB + " time exceeded"), run::describe);
        assertTrue(run.fact("path", "hop 3").contains("icmp: " + B1 + " echo reply")
                && run.fact("path", "hop 3").contains("tcp/80: " + B1 + " SYN-ACK"), run::describe);
        assertEquals("", run.fact("path", "hop 4"), "stops at the destination");
        assertTrue(any(run.packets("path"), "ICMP time exceeded in-transit"), run::describe);
    }

    @Test
    void traceShowsAFirewallThatBlocksOnlyTheService() {
        lab.run("fw", "drop", "--dst", B1, "--port", "80");
        CliRun run = netcheck("trace", B1 + ":80", "--timeout", "500ms");
        expect(run, "FIREWALL_DROP", "firewall", 1);
        assertEquals("trace-service-blocked", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("ICMP_ONLY", run.step("path").get("outcome").asText(), run::describe);
        assertTrue(run.fact("path", "hop 2").endsWith("tcp/80: *"), run::describe);
        assertTrue(run.json().at("/verdict/summary").asText().contains("after hop 1 (198.51.100.1)"), run::describe);
    }
}
