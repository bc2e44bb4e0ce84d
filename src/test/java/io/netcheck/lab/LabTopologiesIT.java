package io.netcheck.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.lab.LabNetwork.Result;
import io.netcheck.lab.LabNetwork.Topology;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Proves the lab's topologies and fault knobs themselves (not netcheck), so that {@link FaultMatrixIT}'s
 * rows are the faults they claim: hop distances, the VIPs and DNAT (with masquerade where the lb is not
 * the servers' gateway), {@code lb-path drop} blocking the lb but not the client, the TLS proxy's
 * certificates, and {@code reset}.
 */
class LabTopologiesIT {
    private static final Duration T = Duration.ofSeconds(20);
    private static final Pattern TTL = Pattern.compile("ttl (\\d+)");

    @ParameterizedTest
    @EnumSource(Topology.class)
    @Execution(ExecutionMode.CONCURRENT) // one lab per topology: three at a time; the class still runs alone
    void topology(Topology topology) {
        try (LabNetwork lab = LabNetwork.up("la" + topology.arg(), 3, topology)) {
            assertEquals(topology, lab.topology());
            assertTrue(lab.run("status").stdout().contains("topology " + topology.arg()), "status shows the topology");

            // hop distances: the lb's kernel refuses on the VIP (nothing listens yet), b1 answers
            // (and in topology e the vendors' initial TTLs: 255 for the lb, 128 for the servers)
            assertEquals(topology.vipReplyTtl(), replyTtl(lab, LabNetwork.VIP_HAPROXY), "TTL from the VIP");
            assertEquals(topology.backendReplyTtl(), replyTtl(lab, LabNetwork.backend(1)), "TTL from b1");

            lab.run("haproxy", "http");
            lab.run("nginx-proxy");
            lab.run("dnat");
            lab.run("tls-proxy");
            assertTrue(body(lab, "http://" + LabNetwork.VIP_HAPROXY + "/").startsWith("backend b"));
            assertTrue(body(lab, "http://[" + LabNetwork.VIP6 + "]/").startsWith("backend b"));
            assertTrue(body(lab, "http://" + LabNetwork.VIP_NGINX + "/").startsWith("backend b"));
            assertTrue(body(lab, "-k", "--resolve", "vip.lab.test:443:" + LabNetwork.VIP_NGINX, "https://vip.lab.test/")
                    .startsWith("backend b"));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                seen.add(body(lab, "http://" + LabNetwork.VIP_DNAT + "/"));
            }
            assertEquals(Set.of("backend b1\n", "backend b2\n", "backend b3\n"), seen, "DNAT round robin, replies un-NATed");

            // lb-path drop: the lb cannot reach its servers, netcheck's host still can
            lab.run("lb-path", "drop");
            assertEquals("backend b1\n", body(lab, "http://" + LabNetwork.backend(1) + "/"));
            assertEquals("backend b1\n", body(lab, "http://[" + LabNetwork.backend6(1) + "]/"));
            Result fromLb = lab.exec("lb", T, "curl", "-sS", "--noproxy", "*", "-m", "2", "http://" + LabNetwork.backend(1) + "/");
            assertEquals(28, fromLb.exit(), "the lb's connection times out: " + fromLb);
            Result proxy = lab.curl(T, "-o", "/dev/null", "-w", "%{http_code} %{time_total}", "-m", "5",
                    "http://" + LabNetwork.VIP_NGINX + "/");
            String[] codeTime = proxy.stdout().split(" ");
            assertEquals("504", codeTime[0], proxy::toString);
            double seconds = Double.parseDouble(codeTime[1]);
            assertTrue(seconds >= 0.9 && seconds < 1.9, "504 after proxy_connect_timeout 1s: " + proxy);
            Result held = lab.curl(T, "-m", "2", "http://" + LabNetwork.VIP_HAPROXY + "/");
            assertEquals(28, held.exit(), "HAProxy without checks holds the request: " + held);
            Result dnat = lab.curl(T, "-m", "2", "http://" + LabNetwork.VIP_DNAT + "/");
            assertEquals(28, dnat.exit(), "DNATed connections are dropped: " + dnat);
            lab.run("lb-path", "clear");
            assertTrue(body(lab, "http://" + LabNetwork.VIP_NGINX + "/").startsWith("backend b"));

            // the TLS proxy's certificates
            lab.run("tls-proxy", "--expired");
            assertTrue(verify(lab).contains("certificate has expired"));
            lab.run("tls-proxy", "--not-yet-valid");
            assertTrue(verify(lab).contains("certificate is not yet valid"));
            lab.run("tls-proxy", "--name", "other.lab.test");
            assertTrue(verify(lab).contains("hostname mismatch"));
            String ca = lab.run("tls-proxy", "--ca").stdout().strip();
            assertEquals("/tmp/netlab-la" + topology.arg() + "/tls-proxy/ca.pem", ca);
            assertEquals("backend b1\n", body(lab, "--cacert", ca, "--resolve", "vip.lab.test:443:" + LabNetwork.VIP_NGINX,
                    "https://vip.lab.test/"), "trusted with the lab CA, name matches, dates valid");

            // reset leaves no fault and no LB server behind
            lab.run("fw", "reject-rst");
            lab.run("backend-drop", "2");
            lab.run("lb-path", "drop");
            lab.run("backend-stop", "3");
            lab.run("reset");
            for (String node : nodes(topology)) {
                Result rules = lab.exec(node, T, "sh", "-c", "iptables-save; ip6tables-save");
                assertTrue(!rules.stdout().toLowerCase().contains("netlab"), node + " still has netlab rules:\n" + rules);
            }
            for (int k = 1; k <= 3; k++) {
                assertEquals("backend b" + k + "\n", body(lab, "http://" + LabNetwork.backend(k) + "/"));
            }
            Result vip = lab.curl(T, "-m", "2", "http://" + LabNetwork.VIP_HAPROXY + "/");
            assertEquals(7, vip.exit(), "HAProxy stopped: refused " + vip);
        }
    }

    private static String[] nodes(Topology t) {
        return t == Topology.C || t == Topology.D
                ? new String[] {"router", "r2", "lb", "b1", "b2", "b3"}
                : new String[] {"router", "lb", "b1", "b2", "b3"};
    }

    private static String body(LabNetwork lab, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-m";
        all[1] = "3";
        System.arraycopy(args, 0, all, 2, args.length);
        Result r = lab.curl(T, all);
        assertEquals(0, r.exit(), r::toString);
        return r.stdout();
    }

    /** TTL of the first TCP reply from {@code host}:80 seen at the client (SYN-ACK or RST). */
    private static int replyTtl(LabNetwork lab, String host) {
        Result r = lab.exec("client", T, "sh", "-c", "timeout 5 tcpdump -nn -v -c 1 -i eth0 'src host " + host
                + " and tcp src port 80' 2>/dev/null & sleep 0.5; curl -s -o /dev/null -m 2 http://" + host + "/; wait");
        Matcher m = TTL.matcher(r.stdout());
        assertTrue(m.find(), "no reply from " + host + " captured: " + r);
        return Integer.parseInt(m.group(1));
    }

    /** openssl's verdict on the TLS proxy's certificate for the name vip.lab.test. */
    private static String verify(LabNetwork lab) {
        Result r = lab.exec("client", T, "sh", "-c", "echo | timeout 5 openssl s_client -connect "
                + LabNetwork.VIP_NGINX + ":443 -servername vip.lab.test -verify_hostname vip.lab.test 2>&1");
        return r.stdout();
    }
}
