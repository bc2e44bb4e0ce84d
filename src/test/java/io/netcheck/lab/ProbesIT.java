package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    static final ObjectMapper JSON = new ObjectMapper();
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

    record Run(int exit, JsonNode json, String stdout, String stderr) {
        String cause() {
            return json.at("/verdict/cause").asText();
        }

        JsonNode step(String name) {
            for (JsonNode s : json.get("steps")) {
                if (s.get("name").asText().equals(name)) {
                    return s;
                }
            }
            throw new AssertionError("no step " + name + " in " + json.toPrettyString());
        }

        List<String> packets(String step) {
            List<String> lines = new ArrayList<>();
            step(step).get("packets").forEach(p -> lines.add(p.asText()));
            return lines;
        }

        /** The value of the first fact with this label in a step, "" when absent. */
        String fact(String step, String label) {
            for (JsonNode f : step(step).get("facts")) {
                if (f.get("label").asText().equals(label)) {
                    return f.get("value").asText();
                }
            }
            return "";
        }

        String describe() {
            return "exit " + exit + "\n" + (json == null ? stdout : json.toPrettyString()) + "\nstderr:\n" + stderr;
        }
    }

    static Run netcheck(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(90), all.toArray(String[]::new));
        try {
            return new Run(r.exit(), JSON.readTree(r.stdout()), r.stdout(), r.stderr());
        } catch (Exception e) {
            throw new AssertionError("netcheck did not print JSON: " + r, e);
        }
    }

    static void expect(Run run, String cause, String team, int exit) {
        assertEquals(cause, run.cause(), run::describe);
        assertEquals(team, run.json().at("/verdict/team").asText(), run::describe);
        assertEquals(exit, run.exit(), run::describe);
        assertFalse(run.stderr().contains("Exception"), run::describe);
    }

    static boolean any(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    // ---- tcp ------------------------------------------------------------------------------------------

    @Test
    void tcpConnectsToABackendByNameAndShowsTheHandshake() throws Exception {
        Run run = netcheck("tcp", LabNetwork.backendHost(1) + ":80");
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
        assertEquals(packets.size(), read.stdout().lines().count(), read.stdout());
        Files.deleteIfExists(pcap);
    }

    @Test
    void tcpToADroppedPortShowsSynRetransmitsAndBlamesTheFirewall() {
        lab.run("fw", "drop", "--dst", B1, "--port", "80");
        Run run = netcheck("tcp", B1 + ":80", "--timeout", "2s");
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
        Run run = netcheck("tcp", B1 + ":8080");
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("nothing listens on " + B1 + ":8080", run.json().at("/verdict/summary").asText());
        assertEquals("REFUSED", run.step("connect").get("outcome").asText());
        assertTrue(any(run.packets("connect"), "IP " + B1 + ".8080 > 198.51.100.2.")
                && any(run.packets("connect"), "Flags [R.]"), run::describe);
    }

    @Test
    void tcpRejectedByTheRouterNamesTheRouter() {
        lab.run("fw", "reject", "--dst", B1, "--port", "80");
        Run run = netcheck("tcp", B1 + ":80");
        expect(run, "FIREWALL_REJECT", "firewall", 1);
        assertEquals("REFUSED", run.step("connect").get("outcome").asText(), run::describe);
        assertTrue(run.fact("connect", "answered by").startsWith("198.51.100.1 (a router or firewall"), run::describe);
        assertTrue(any(run.packets("connect"), "IP 198.51.100.1 > 198.51.100.2: ICMP " + B1 + " tcp port 80 unreachable"),
                run::describe);
    }

    @Test
    void tcpToAnUnroutedAddressIsRouting() {
        Run run = netcheck("tcp", LabNetwork.UNROUTED + ":80");
        expect(run, "ROUTING", "network", 1);
        assertTrue(any(run.packets("connect"), "net " + LabNetwork.UNROUTED + " unreachable"), run::describe);
    }

    // ---- dns ------------------------------------------------------------------------------------------

    @Test
    void dnsAnswersFromTheLabResolverWithTtlAndNoInventedAnswers() {
        Run run = netcheck("dns", LabNetwork.VIP_NAME);
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
        Run run = netcheck("dns", LabNetwork.UNKNOWN_NAME, "@" + LabNetwork.DNS_SERVER);
        expect(run, "DNS", "dns", 1);
        assertEquals("dns-nxdomain", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("NXDOMAIN", run.step("system").get("outcome").asText());
        assertEquals("NXDOMAIN", run.step("named").get("outcome").asText());
    }

    @Test
    void dnsCallsOutAnAnswerOtherThanTheExpectedOne() {
        Run run = netcheck("dns", LabNetwork.VIP_NAME, "--expect", LabNetwork.VIP_NGINX);
        expect(run, "DNS", "dns", 1);
        assertEquals("vip.lab.test. resolves to 203.0.113.10, not 203.0.113.12",
                run.json().at("/verdict/summary").asText(), run::describe);
        assertEquals("UNEXPECTED", run.step("expect").get("outcome").asText());
    }

    @Test
    void dnsToAServerThatDoesNotServeDns() {
        // The lb runs no DNS server: its kernel answers ICMP port unreachable.
        Run run = netcheck("dns", LabNetwork.VIP_NAME, "@" + LabNetwork.LB, "--timeout", "1s");
        expect(run, "DNS", "dns", 1);
        assertEquals("NO_ANSWER", run.step("named").get("outcome").asText(), run::describe);
        assertEquals("NOERROR", run.step("system").get("outcome").asText(), run::describe);
    }

    // ---- tls ------------------------------------------------------------------------------------------

    @Test
    void tlsShowsTheChainAndExpiryOfAnOpensslCertificate() {
        lab.run("tls-server", "--days", "10");
        Run run = netcheck("tls", LabNetwork.VIP_NAME + ":443");
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
        Run run = netcheck("tls", LabNetwork.VIP_HAPROXY + ":443", "--sni", "shop.lab.test", "--warn-days", "30");
        expect(run, "TLS", "lb", 1);
        assertEquals("tls-name-mismatch", run.json().at("/verdict/rule").asText(), run::describe);
        assertEquals("NAME_MISMATCH", run.step("tls").get("outcome").asText(), run::describe);
    }

    @Test
    void tlsToAPortWithoutTlsFailsTheHandshake() {
        Run run = netcheck("tls", B1 + ":80");
        expect(run, "TLS", "lb", 1);
        assertEquals("tls-handshake-fails", run.json().at("/verdict/rule").asText(), run::describe);
    }

    @Test
    void tlsToAClosedPortUsesTheConnectRules() {
        Run run = netcheck("tls", LabNetwork.VIP_HAPROXY + ":443");
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("SKIPPED", run.step("tls").get("status").asText());
    }
}
