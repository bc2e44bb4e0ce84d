package io.netcheck.probe.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.probe.Deadline;
import io.netcheck.probe.Route;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NextHopTest {
    static final String ROUTES = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t00000000\t016433C6\t0003\t0\t0\t0\t00000000\t0\t0\t0
            eth0\t006433C6\t00000000\t0001\t0\t0\t0\tF8FFFFFF\t0\t0\t0
            """;
    static final String ARP = """
            IP address       HW type     Flags       HW address            Mask     Device
            198.51.100.1     0x1         0x2         9a:59:4c:80:23:a8     *        eth0
            198.51.100.3     0x1         0x0         00:00:00:00:00:00     *        eth0
            """;

    @Test
    void longestPrefixPicksTheGatewayOrTheLink() throws Exception {
        assertEquals(InetAddress.getByName("198.51.100.1"),
                NextHop.gateway(ROUTES, "eth0", FramesTest.v4("203.0.113.130")), "default route");
        assertEquals(InetAddress.getByName("198.51.100.4"),
                NextHop.gateway(ROUTES, "eth0", FramesTest.v4("198.51.100.4")), "on the link: itself");
    }

    @Test
    void onlyCompleteArpEntriesCount() throws Exception {
        assertArrayEquals(NextHop.mac("9a:59:4c:80:23:a8"), NextHop.arpCache(ARP, "eth0", FramesTest.v4("198.51.100.1")));
        assertNull(NextHop.arpCache(ARP, "eth0", FramesTest.v4("198.51.100.3")), "incomplete entry");
        assertNull(NextHop.arpCache(ARP, "eth1", FramesTest.v4("198.51.100.1")), "other interface");
        assertEquals("9a:59:4c:80:23:a8", NextHop.macText(NextHop.mac("9a:59:4c:80:23:a8")));
    }

    @Test
    void ipv6AndMissingInterfacesAreSaidPlainly() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        PingResult r = new PingProbe().probe(new PingTarget(new Route(v6, v6, "lo"), 1, Duration.ofMillis(10),
                Duration.ofMillis(10)), Deadline.in(Duration.ofSeconds(1)));
        assertTrue(r.problem().startsWith("IPv6 is not supported"), r.problem());
        InetAddress a = InetAddress.getByName("127.0.0.1");
        PingResult local = new PingProbe().probe(new PingTarget(new Route(a, a, "lo"), 1, Duration.ofMillis(10),
                Duration.ofMillis(10)), Deadline.in(Duration.ofSeconds(1)));
        assertTrue(local.problem().startsWith("127.0.0.1 is this host's own address"), local.problem());
        TraceResult t = new TraceProbe().probe(new TraceTarget(new Route(a, a, "nosuch0"), 80, 3, Duration.ofMillis(10),
                3), Deadline.in(Duration.ofSeconds(1)));
        assertTrue(t.problem() != null && t.hops().isEmpty(), String.valueOf(t.problem()));
    }
}
