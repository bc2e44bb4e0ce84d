package io.netcheck.capture;

import static io.netcheck.capture.Frames.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowMatchingTest {
    private static final Instant T = Instant.EPOCH;
    private static final Flow FLOW = new Flow(addr("198.51.100.2"), 33962, addr("203.0.113.10"), 443);

    private static TcpSegment segment(String src, int sport, String dst, int dport, int flags) {
        IpHeader ip = new IpHeader(4, addr(src), addr(dst), 64, 6, 20);
        return new TcpSegment(T, ip, sport, dport, 1, 2, flags, 100, List.of(), 0);
    }

    private static IcmpMessage icmp(int version, int type, IcmpMessage.Quoted quoted) {
        IpHeader ip = version == 4 ? new IpHeader(4, addr("198.51.100.1"), addr("198.51.100.2"), 64, 1, 36)
                : new IpHeader(6, addr("2001:db8::1"), addr("2001:db8::2"), 64, 58, 88);
        return new IcmpMessage(T, ip, type, 0, 36, quoted, -1, -1);
    }

    @Test
    void tcpBelongsInBothDirections() {
        assertTrue(segment("198.51.100.2", 33962, "203.0.113.10", 443, TcpSegment.SYN).belongsTo(FLOW));
        assertTrue(segment("203.0.113.10", 443, "198.51.100.2", 33962, TcpSegment.RST).belongsTo(FLOW));
    }

    @Test
    void tcpOfAnotherConnectionDoesNotBelong() {
        assertFalse(segment("198.51.100.2", 33963, "203.0.113.10", 443, TcpSegment.SYN).belongsTo(FLOW));
        assertFalse(segment("198.51.100.2", 33962, "203.0.113.11", 443, TcpSegment.SYN).belongsTo(FLOW));
        assertFalse(segment("198.51.100.2", 443, "203.0.113.10", 33962, TcpSegment.SYN).belongsTo(FLOW));
        assertFalse(segment("203.0.113.10", 33962, "198.51.100.2", 443, TcpSegment.SYN).belongsTo(FLOW));
    }

    @Test
    void icmpErrorBelongsWhenItQuotesTheOutgoingProbe() {
        var probe = new IcmpMessage.Quoted(addr("198.51.100.2"), addr("203.0.113.10"), 6, 33962, 443);
        assertTrue(icmp(4, 3, probe).belongsTo(FLOW));
        assertTrue(icmp(4, 11, probe).belongsTo(FLOW));
        var reverse = new IcmpMessage.Quoted(addr("203.0.113.10"), addr("198.51.100.2"), 6, 443, 33962);
        assertFalse(icmp(4, 3, reverse).belongsTo(FLOW), "an error about the peer's packet is not ours");
        var otherPort = new IcmpMessage.Quoted(addr("198.51.100.2"), addr("203.0.113.10"), 6, 33964, 443);
        assertFalse(icmp(4, 3, otherPort).belongsTo(FLOW));
        var udp = new IcmpMessage.Quoted(addr("198.51.100.2"), addr("203.0.113.10"), 17, 33962, 443);
        assertFalse(icmp(4, 3, udp).belongsTo(FLOW), "the flow is TCP");
        var noPorts = new IcmpMessage.Quoted(addr("198.51.100.2"), addr("203.0.113.10"), 6, -1, -1);
        assertFalse(icmp(4, 3, noPorts).belongsTo(FLOW));
        assertFalse(icmp(4, 3, null).belongsTo(FLOW));
    }

    @Test
    void icmpv6ErrorBelongs() {
        Flow flow6 = new Flow(addr("2001:db8:1::2"), 51000, addr("2001:db8:100::10"), 443);
        var probe = new IcmpMessage.Quoted(addr("2001:db8:1::2"), addr("2001:db8:100::10"), 6, 51000, 443);
        assertTrue(icmp(6, 1, probe).belongsTo(flow6));
        assertFalse(icmp(6, 1, probe).belongsTo(FLOW));
    }

    @Test
    void nonErrorsNeverBelong() {
        var probe = new IcmpMessage.Quoted(addr("198.51.100.2"), addr("203.0.113.10"), 6, 33962, 443);
        assertFalse(icmp(4, 8, probe).belongsTo(FLOW));
        assertFalse(icmp(4, 0, null).belongsTo(FLOW));
        assertFalse(icmp(6, 128, probe).belongsTo(FLOW));
        assertFalse(new OtherPacket(T, null, "ARP").belongsTo(FLOW));
    }

    @Test
    void errorTypes() {
        for (int type : new int[] {3, 4, 5, 11, 12}) {
            assertTrue(icmp(4, type, null).isError(), "ICMP type " + type);
        }
        for (int type : new int[] {0, 8, 9, 10, 13, 14, 42}) {
            assertFalse(icmp(4, type, null).isError(), "ICMP type " + type);
        }
        for (int type = 1; type <= 4; type++) {
            assertTrue(icmp(6, type, null).isError(), "ICMPv6 type " + type);
        }
        for (int type : new int[] {0, 5, 128, 129, 133, 135, 136}) {
            assertFalse(icmp(6, type, null).isError(), "ICMPv6 type " + type);
        }
    }

    @Test
    void flagTextFollowsTcpdumpOrder() {
        assertEquals("S", segment("1.1.1.1", 1, "2.2.2.2", 2, TcpSegment.SYN).flagText());
        assertEquals("S.", segment("1.1.1.1", 1, "2.2.2.2", 2, TcpSegment.SYN | TcpSegment.ACK).flagText());
        assertEquals("R.", segment("1.1.1.1", 1, "2.2.2.2", 2, TcpSegment.RST | TcpSegment.ACK).flagText());
        assertEquals("FP.", segment("1.1.1.1", 1, "2.2.2.2", 2,
                TcpSegment.FIN | TcpSegment.PSH | TcpSegment.ACK).flagText());
        assertEquals(".", segment("1.1.1.1", 1, "2.2.2.2", 2, TcpSegment.ACK).flagText());
        assertEquals("SEW", segment("1.1.1.1", 1, "2.2.2.2", 2,
                TcpSegment.SYN | TcpSegment.ECE | TcpSegment.CWR).flagText());
        assertEquals("FSRP.UEW", segment("1.1.1.1", 1, "2.2.2.2", 2, 0xff).flagText());
        assertEquals("none", segment("1.1.1.1", 1, "2.2.2.2", 2, 0).flagText());
    }
}
