package io.netcheck.lab;

import static io.netcheck.lab.CliRun.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real CLI, run inside the lab's client namespace, against real load balancers (HAProxy http/tcp,
 * nginx, iptables DNAT) with real faults injected. Each test asserts the cause, the team, and the packet
 * evidence that proves it.
 */
class VipChecklistIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String VIP = LabNetwork.VIP_HAPROXY + ":80";
    static final String BACKENDS = LabNetwork.backend(1) + ":80," + LabNetwork.backend(2) + ":80,"
            + LabNetwork.backend(3) + ":80";
    static LabNetwork lab;

    @BeforeAll
    static void up() {
        lab = LabNetwork.up("vc", 3);
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
        lab.run("nginx-proxy-stop");
        lab.run("dnat-clear");
        lab.run("backend-undrop", "all");
        lab.run("backend-start", "all");
    }

    static CliRun netcheck(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(60), all.toArray(String[]::new));
        return CliRun.of(r);
    }

    static void awaitHttp(String url, String code) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String last = "";
        while (System.nanoTime() < until) {
            last = lab.curl(Duration.ofSeconds(5), "-o", "/dev/null", "-w", "%{http_code}", "-m", "3", url).stdout();
            if (last.equals(code)) {
                return;
            }
            sleep(100);
        }
        fail(url + " never answered " + code + " (last: " + last + ")");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean any(List<String> lines, String fragment) {
        return lines.stream().anyMatch(l -> l.contains(fragment));
    }

    @Test
    void healthyHaproxyVipWithThreeServers() throws Exception {
        lab.run("haproxy", "http", "--check");
        awaitHttp("http://" + VIP + "/", "200");
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "HEALTHY", "none", 0);
        List<String> reach = run.packets("reach");
        assertTrue(any(reach, "IP 198.51.100.2.") && any(reach, "> 203.0.113.10.80: Flags [S], seq"), run::describe);
        assertTrue(any(reach, "IP 203.0.113.10.80 > 198.51.100.2.") && any(reach, ": Flags [S.], seq"), run::describe);
        assertTrue(any(run.packets("layer"), "Flags [P.], seq 1:"), run::describe);
        assertEquals("PROXY", run.step("layer").get("outcome").asText(), "HAProxy terminates TCP one hop closer");
        assertEquals("3/3 UP", run.step("backends").get("outcome").asText());
        for (JsonNode sub : run.step("backends").get("substeps")) {
            assertTrue(sub.get("packets").size() >= 3, sub::toPrettyString);
        }

        // The .pcap holds exactly the packets the report shows, and tcpdump reads it.
        Path pcap = Path.of(run.json().get("pcap").asText());
        assertTrue(Files.size(pcap) > 24, "pcap has packets");
        LabNetwork.Result read = lab.exec("client", Duration.ofSeconds(10), "tcpdump", "-nn", "-r", pcap.toString());
        assertEquals(0, read.exit(), read::toString);
        long shown = StreamSupport.stream(run.json().get("steps").spliterator(), false)
                .mapToLong(s -> s.get("packets").size() + StreamSupport.stream(s.get("substeps").spliterator(), false)
                        .mapToLong(x -> x.get("packets").size()).sum()).sum();
        assertEquals(shown, read.stdout().lines().count(), read.stdout());
        Files.deleteIfExists(pcap);
    }

    @Test
    void firewallDropOnTheRouter() {
        lab.run("haproxy", "http", "--check");
        lab.run("fw", "drop");
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS, "--timeout", "2s");
        expect(run, "FIREWALL_DROP", "firewall", 1);
        List<String> reach = run.packets("reach");
        assertTrue(reach.size() >= 2, "SYN and at least one retransmit: " + reach);
        assertTrue(reach.stream().allMatch(l -> l.contains("IP 198.51.100.2.") && l.contains("Flags [S]")),
                "only our SYNs, nothing back: " + reach);
        assertEquals("TIMEOUT", run.step("reach").get("outcome").asText());
        assertTrue(run.json().at("/verdict/explanation").asText().contains("specific to the VIP"), run::describe);
    }

    @Test
    void firewallRejectOnTheRouter() {
        lab.run("haproxy", "http", "--check");
        lab.run("fw", "reject");
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "FIREWALL_REJECT", "firewall", 1);
        assertTrue(any(run.packets("reach"),
                "IP 198.51.100.1 > 198.51.100.2: ICMP 203.0.113.10 tcp port 80 unreachable"), run::describe);
    }

    @Test
    void firewallRejectAdminProhibited() {
        lab.run("fw", "reject-admin");
        CliRun run = netcheck("vip", VIP);
        expect(run, "FIREWALL_REJECT", "firewall", 1);
        assertTrue(any(run.packets("reach"), "unreachable - admin prohibited"), run::describe);
    }

    @Test
    void vipPortNotListening() {
        // HAProxy stopped: the LB host owns 203.0.113.10 but nothing listens on :80.
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "VIP_NOT_LISTENING", "lb", 1);
        assertTrue(any(run.packets("reach"), "IP 203.0.113.10.80 > 198.51.100.2."), run::describe);
        assertTrue(any(run.packets("reach"), "Flags [R.], seq 0, ack"), run::describe);
        assertEquals("REFUSED", run.step("reach").get("outcome").asText());
        assertEquals("vip-refused", run.json().at("/verdict/rule").asText());
    }

    @Test
    void haproxyHttpWithAllServersStopped() {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-stop", "all");
        awaitHttp("http://" + VIP + "/", "503");
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("L7_PROXY", run.step("layer").get("outcome").asText());
        assertTrue(run.step("layer").toString().contains("HAProxy"), run::describe);
        assertEquals("0/3 UP", run.step("backends").get("outcome").asText());
        for (JsonNode sub : run.step("backends").get("substeps")) {
            assertEquals("REFUSED", sub.get("outcome").asText());
            assertTrue(sub.get("packets").toString().contains("Flags [R.]"), sub::toPrettyString);
        }
    }

    @Test
    void haproxyTcpWithAllServersStopped() {
        lab.run("haproxy", "tcp", "--check");
        lab.run("backend-stop", "all");
        sleep(800); // health checks mark the servers down
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertEquals("CONNECTED", run.step("reach").get("outcome").asText());
        assertTrue(any(run.packets("reach"), "Flags [S.]"), run::describe);
        // HAProxy closes with FIN as soon as its backend connect fails: before or after our request.
        List<String> vipPackets = new ArrayList<>(run.packets("reach"));
        vipPackets.addAll(run.packets("layer"));
        assertTrue(vipPackets.stream().anyMatch(l -> l.contains(
                "IP 203.0.113.10.80 > 198.51.100.2.") && l.contains("Flags [F.]")), "the proxy closes with FIN: "
                + run.describe());
        assertEquals("L4_PROXY", run.step("layer").get("outcome").asText(), run::describe);
    }

    @Test
    void haproxyPointedAtTheWrongPort() {
        lab.run("haproxy", "http", "--check", "--backend-port", "8080");
        awaitHttp("http://" + VIP + "/", "503");
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "LB_MISCONFIGURED", "lb", 1);
        assertEquals("3/3 UP", run.step("backends").get("outcome").asText());
    }

    @Test
    void oneServerOfThreeDown() {
        lab.run("haproxy", "http", "--check");
        lab.run("backend-stop", "2");
        sleep(800);
        CliRun run = netcheck("vip", VIP, "--backends", BACKENDS);
        expect(run, "DEGRADED", "server", 1);
        assertEquals("2/3 UP", run.step("backends").get("outcome").asText());
        assertTrue(run.json().at("/verdict/explanation").asText().contains(LabNetwork.backend(2) + ":80: RST from"),
                run::describe);
    }

    @Test
    void dnatVipHealthyIsLayer4() {
        lab.run("dnat");
        CliRun run = netcheck("vip", LabNetwork.VIP_DNAT + ":80", "--backends", BACKENDS);
        expect(run, "HEALTHY", "none", 0);
        assertEquals("L4_PASSTHROUGH", run.step("layer").get("outcome").asText(), run::describe);
    }

    @Test
    void dnatToTheWrongPortWhileServersAreFine() {
        lab.run("dnat", "--backend-port", "8080");
        CliRun run = netcheck("vip", LabNetwork.VIP_DNAT + ":80", "--backends", BACKENDS);
        expect(run, "LB_MISCONFIGURED", "lb", 1);
        // The RST carries the VIP's address but a real server's TTL: NAT'd from two hops away.
        assertTrue(any(run.packets("reach"), "IP 203.0.113.11.80 > 198.51.100.2."), run::describe);
        assertEquals(62, run.json().at("/evidence/vip/wire/resetTtl").asInt(), run::describe);
    }

    @Test
    void dnatWithAllServersStopped() {
        lab.run("dnat");
        lab.run("backend-stop", "all");
        CliRun run = netcheck("vip", LabNetwork.VIP_DNAT + ":80", "--backends", BACKENDS);
        expect(run, "BACKENDS_DOWN", "server", 1);
    }

    @Test
    void nginxProxyWithAllServersStopped() {
        lab.run("nginx-proxy");
        lab.run("backend-stop", "all");
        CliRun run = netcheck("vip", LabNetwork.VIP_NGINX + ":80", "--backends", BACKENDS);
        expect(run, "BACKENDS_DOWN", "server", 1);
        assertTrue(run.step("layer").toString().contains("nginx"), run::describe);
    }

    @Test
    void unroutedAddressIsARoutingFault() {
        CliRun run = netcheck("vip", LabNetwork.UNROUTED + ":80");
        expect(run, "ROUTING", "network", 1);
        assertTrue(any(run.packets("reach"), "IP 198.51.100.1 > 198.51.100.2: ICMP net 198.51.100.200 unreachable"),
                run::describe);
    }

    @Test
    void addressNobodyHoldsIsHostUnreachable() {
        CliRun run = netcheck("vip", "203.0.113.250:80", "--timeout", "6s");
        expect(run, "HOST_UNREACHABLE", "server", 1);
        assertTrue(any(run.packets("reach"), "ICMP host 203.0.113.250 unreachable"), run::describe);
    }

    @Test
    void unknownNameIsDns() {
        CliRun run = netcheck("vip", LabNetwork.UNKNOWN_NAME + ":80");
        expect(run, "DNS", "dns", 1);
        assertEquals("DNS_FAILED", run.step("reach").get("outcome").asText());
        assertTrue(run.json().at("/verdict/summary").asText().contains("NXDOMAIN"), run::describe);
    }

    @Test
    void nameResolvesThroughTheLabDns() {
        lab.run("haproxy", "http", "--check");
        awaitHttp("http://" + VIP + "/", "200");
        CliRun run = netcheck("vip", LabNetwork.VIP_NAME + ":80");
        expect(run, "HEALTHY", "none", 0);
        assertTrue(run.step("reach").toString().contains("vip.lab.test → 203.0.113.10"), run::describe);
    }

    @Test
    void ipv6Vip() {
        lab.run("haproxy", "http", "--check");
        awaitHttp("http://" + VIP + "/", "200");
        CliRun run = netcheck("vip", "[" + LabNetwork.VIP6 + "]:80");
        expect(run, "HEALTHY", "none", 0);
        assertTrue(any(run.packets("reach"), "IP6 2001:db8:1::2."), run::describe);
        assertTrue(any(run.packets("reach"), "IP6 2001:db8:100::10.80 > 2001:db8:1::2."), run::describe);
    }

    @Test
    void textReportLeadsWithTheVerdict() {
        lab.run("fw", "reject");
        LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(60), "vip", VIP);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.stdout().startsWith("netcheck vip 203.0.113.10:80"), r.stdout());
        assertTrue(r.stdout().contains("VERDICT  FIREWALL_REJECT  →  Firewall team (firewall)"), r.stdout());
        assertTrue(r.stdout().indexOf("VERDICT") < r.stdout().indexOf("[1] Does the connection reach the VIP?"));
        assertTrue(r.stdout().contains("pcap: /"), r.stdout());
    }

    @Test
    void withoutCapturePrivilegeTheCheckStillRunsAndSaysSo() {
        lab.run("haproxy", "http", "--check");
        awaitHttp("http://" + VIP + "/", "200");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LabNetwork.Result r = lab.exec("client", Duration.ofSeconds(60), "setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "--inh-caps=-all", java, "-jar", System.getProperty(LabNetwork.APP_JAR_PROPERTY),
                "vip", VIP, "--json");
        JsonNode json;
        try {
            json = JSON.readTree(r.stdout());
        } catch (Exception e) {
            throw new AssertionError(r.toString(), e);
        }
        assertEquals(0, r.exit(), r::toString);
        assertEquals("HEALTHY", json.at("/verdict/cause").asText());
        assertFalse(json.at("/capture/available").asBoolean());
        assertTrue(json.at("/capture/problem").asText().contains("CAP_NET_RAW"), json::toPrettyString);
        assertNotNull(json.get("pcap"));
        assertTrue(json.get("pcap").isNull());
        assertEquals("LOW", json.at("/verdict/confidence").asText());
    }

    @Test
    void refusedTargetsGetNoPacketAtAll() throws Exception {
        lab.run("haproxy", "http", "--check");
        Path pcap = Path.of("/tmp/netcheck-policy-" + ProcessHandle.current().pid() + ".pcap");
        Process tcpdump = new ProcessBuilder("ip", "netns", "exec", lab.namespace("client"), "tcpdump", "-i", "eth0",
                "-n", "-U", "-w", pcap.toString(), "host 203.0.113.10 or net 203.0.113.128/25").start();
        try {
            String ready = new java.io.BufferedReader(new java.io.InputStreamReader(tcpdump.getErrorStream())).readLine();
            assertTrue(ready != null && ready.contains("listening on eth0"), "tcpdump: " + ready);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String jar = System.getProperty(LabNetwork.APP_JAR_PROPERTY);
            // The bot's policy, switched on for the CLI, with the lab's server block denied.
            LabNetwork.Result vip = lab.exec("client", Duration.ofSeconds(60), java, "-Dnetcheck.policy.enabled=true",
                    "-Dnetcheck.policy.deny-cidrs=203.0.113.128/25", "-jar", jar, "vip", VIP, "--backends", BACKENDS);
            assertEquals(2, vip.exit(), vip::toString);
            assertTrue(vip.stderr().contains("refused by the target policy, nothing was sent: 203.0.113.130:80: "
                    + "203.0.113.130 is in 203.0.113.128/25 (netcheck.policy.deny-cidrs)"), vip::toString);
            LabNetwork.Result tcp = lab.exec("client", Duration.ofSeconds(60), java, "-Dnetcheck.policy.enabled=true",
                    "-Dnetcheck.policy.deny-cidrs=203.0.113.128/25", "-jar", jar, "tcp", LabNetwork.backend(1) + ":80");
            assertEquals(2, tcp.exit(), tcp::toString);
            Thread.sleep(300);
        } finally {
            tcpdump.destroy();
            tcpdump.waitFor();
        }
        LabNetwork.Result read = lab.exec("client", Duration.ofSeconds(10), "tcpdump", "-nn", "-r", pcap.toString());
        Files.deleteIfExists(pcap);
        assertEquals("", read.stdout().strip(), "not one packet to the VIP or the servers: " + read.stdout());
    }

    @Test
    void badInputIsAUsageErrorWithoutAStackTrace() {
        LabNetwork.Result r = lab.netcheck(Duration.ofSeconds(60), "vip", "10.0.0.5");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.stderr().contains("netcheck: VIP '10.0.0.5': missing port"), r.stderr());
        assertTrue(r.stderr().contains("usage: vip HOST:PORT"), r.stderr());
        assertFalse(r.stderr().contains("at io.netcheck"), r.stderr());
        assertTrue(r.stdout().isEmpty(), r.stdout());
    }
}
