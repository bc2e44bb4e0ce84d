package io.netcheck.capture;

import static io.netcheck.capture.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketDecoderTest {
    private static final Instant T = Instant.parse("2024-03-01T13:37:36.679409Z");

    private static DecodedPacket decode(int linkType, byte[] wire, int snaplen) {
        return PacketDecoder.decode(frame(T, linkType, wire, snaplen));
    }

    @Test
    void decodesEveryTcpHeaderField() {
        byte[] ip = ipv4("198.51.100.2", "203.0.113.10", 6, 61, new byte[0],
                tcp(33962, 443, 4_000_000_000L, 3_000_000_000L, TcpSegment.SYN | TcpSegment.ACK, 65160,
                        synOptions(1460, 7, 9, 7), new byte[0]));
        TcpSegment s = assertInstanceOf(TcpSegment.class, decode(1, ethernet(0x0800, ip), 128));
        assertEquals(4, s.ip().version());
        assertEquals(addr("198.51.100.2"), s.ip().source());
        assertEquals(addr("203.0.113.10"), s.ip().destination());
        assertEquals(61, s.ip().ttl());
        assertEquals(6, s.ip().protocol());
        assertEquals(40, s.ip().payloadLength());
        assertEquals(33962, s.sourcePort());
        assertEquals(443, s.destinationPort());
        assertEquals(4_000_000_000L, s.seq());
        assertEquals(3_000_000_000L, s.ack());
        assertEquals("S.", s.flagText());
        assertEquals(65160, s.window());
        assertEquals(0, s.payloadLength());
        assertEquals(List.of(new TcpOption(2, 1460, "mss 1460"), new TcpOption(4, -1, "sackOK"),
                new TcpOption(8, -1, "TS val 7 ecr 9"), new TcpOption(1, -1, "nop"),
                new TcpOption(3, 7, "wscale 7")), s.options());
    }

    @Test
    void payloadLengthComesFromIpHeaderWhenCaptureKeptHeadersOnly() {
        byte[] v4 = ipv4("198.51.100.2", "203.0.113.10", 6,
                tcp(33962, 443, 1, 1, TcpSegment.ACK | TcpSegment.PSH, 502, tsOptions(1, 2), new byte[1448]));
        TcpSegment s4 = assertInstanceOf(TcpSegment.class, decode(1, ethernet(0x0800, v4), 96));
        assertEquals(1448, s4.payloadLength());
        byte[] v6 = ipv6("2001:db8::1", "2001:db8::2", 6,
                tcp(51000, 443, 1, 1, TcpSegment.ACK, 502, new byte[0], new byte[9000]));
        TcpSegment s6 = assertInstanceOf(TcpSegment.class, decode(1, ethernet(0x86dd, v6), 96));
        assertEquals(9000, s6.payloadLength());
        assertEquals(9020, s6.ip().payloadLength());
    }

    @Test
    void ethernetPaddingIsNotPayload() {
        byte[] rst = ipv4("203.0.113.10", "198.51.100.2", 6,
                tcp(443, 33962, 0, 1, TcpSegment.RST | TcpSegment.ACK, 0, new byte[0], new byte[0]));
        TcpSegment s = assertInstanceOf(TcpSegment.class, decode(1, padded(ethernet(0x0800, rst)), 128));
        assertEquals(0, s.payloadLength());
    }

    @Test
    void decodesAllLinkTypes() {
        byte[] syn = ipv4("198.51.100.2", "203.0.113.10", 6, tcp(1, 2, 3, 0, TcpSegment.SYN, 9, new byte[0],
                new byte[0]));
        byte[][] frames = {ethernet(0x0800, syn), vlan(0x0800, syn, 100), vlan(0x0800, syn, 10, 20), syn, syn,
                sll(0x0800, syn), sll2(0x0800, 1, 0, syn)};
        int[] linkTypes = {1, 1, 1, 101, 12, 113, 276};
        for (int i = 0; i < frames.length; i++) {
            TcpSegment s = assertInstanceOf(TcpSegment.class, decode(linkTypes[i], frames[i], 128),
                    "link type " + linkTypes[i]);
            assertEquals(3, s.seq());
        }
        assertInstanceOf(OtherPacket.class, decode(147, syn, 128));
    }

    @Test
    void skipsIpv6ExtensionHeaders() {
        byte[] tcp = tcp(51000, 443, 1, 0, TcpSegment.SYN, 1000, new byte[0], new byte[0]);
        byte[] chain = concat(bytes(43, 0, 0, 0, 0, 0, 0, 0), // hop-by-hop -> routing
                bytes(44, 0, 0, 0, 0, 0, 0, 0), // routing (type 0, no addresses) -> fragment
                bytes(60, 0, 0, 0, 0, 0, 0, 1), // fragment offset 0 -> destination options
                bytes(6, 0, 1, 4, 0, 0, 0, 0), tcp); // destination options -> TCP
        TcpSegment s = assertInstanceOf(TcpSegment.class,
                decode(1, ethernet(0x86dd, ipv6("2001:db8::1", "2001:db8::2", 0, chain)), 256));
        assertEquals(6, s.ip().protocol());
        assertEquals(20, s.ip().payloadLength());
        assertEquals(51000, s.sourcePort());
    }

    @Test
    void quotesTheProbeInsideIcmpErrors() {
        byte[] probe = ipv4("198.51.100.2", "203.0.113.10", 6, tcp(33962, 443, 1, 0, TcpSegment.SYN, 64240,
                synOptions(1460, 1, 0, 7), new byte[0]));
        IcmpMessage m = assertInstanceOf(IcmpMessage.class,
                decode(1, ethernet(0x0800, ipv4("198.51.100.1", "198.51.100.2", 1, icmp(3, 13, 0, 0, probe))), 128));
        assertTrue(m.isError());
        assertEquals(68, m.length());
        assertEquals(new IcmpMessage.Quoted(addr("198.51.100.2"), addr("203.0.113.10"), 6, 33962, 443), m.quoted());

        byte[] probe6 = ipv6("2001:db8:1::2", "2001:db8:100::10", 6, tcp(51000, 80, 1, 0, TcpSegment.SYN, 1,
                new byte[0], new byte[0]));
        IcmpMessage m6 = assertInstanceOf(IcmpMessage.class, decode(1, ethernet(0x86dd,
                ipv6("2001:db8:2::1", "2001:db8:1::2", 58, icmp(1, 4, 0, 0, probe6))), 128));
        assertTrue(m6.isError());
        assertEquals(new IcmpMessage.Quoted(addr("2001:db8:1::2"), addr("2001:db8:100::10"), 6, 51000, 80),
                m6.quoted());
        assertEquals(68, m6.length());
    }

    @Test
    void quoteCutBySnaplenKeepsAddressesButNotPorts() {
        byte[] probe = ipv4("198.51.100.2", "203.0.113.10", 6, tcp(33962, 443, 1, 0, TcpSegment.SYN, 1,
                new byte[0], new byte[0]));
        byte[] wire = ethernet(0x0800, ipv4("198.51.100.1", "198.51.100.2", 1, icmp(3, 1, 0, 0, probe)));
        IcmpMessage m = assertInstanceOf(IcmpMessage.class, decode(1, wire, 14 + 20 + 8 + 20 + 2));
        assertEquals(addr("203.0.113.10"), m.quoted().destination());
        assertEquals(-1, m.quoted().sourcePort());
        assertEquals(-1, m.quoted().destinationPort());
        assertNull(assertInstanceOf(IcmpMessage.class, decode(1, wire, 14 + 20 + 8 + 10)).quoted());
    }

    @Test
    void echoCarriesIdAndSequenceButNoQuote() {
        IcmpMessage v4 = assertInstanceOf(IcmpMessage.class, decode(1, ethernet(0x0800,
                ipv4("198.51.100.2", "203.0.113.10", 1, icmp(8, 0, 4660, 65535, new byte[56]))), 128));
        assertEquals(4660, v4.echoId());
        assertEquals(65535, v4.echoSeq());
        assertNull(v4.quoted());
        assertFalse(v4.isError());
        IcmpMessage v6 = assertInstanceOf(IcmpMessage.class, decode(1, ethernet(0x86dd,
                ipv6("2001:db8::1", "2001:db8::2", 58, icmp(129, 0, 7, 8, new byte[56]))), 128));
        assertEquals(7, v6.echoId());
        assertEquals(8, v6.echoSeq());
        assertNull(v6.quoted());
    }

    @Test
    void summarisesWhatItDoesNotDecode() {
        byte[] arp = concat(u16(1), u16(0x0800), bytes(6, 4), u16(1), MAC_A, bytes(198, 51, 100, 2), new byte[6],
                bytes(198, 51, 100, 1));
        OtherPacket a = assertInstanceOf(OtherPacket.class, decode(1, ethernet(0x0806, arp), 128));
        assertEquals("ARP, Request who-has 198.51.100.1 tell 198.51.100.2, length 28", a.summary());
        assertNull(a.ip());
        OtherPacket u = assertInstanceOf(OtherPacket.class, decode(1,
                ethernet(0x0800, ipv4("1.2.3.4", "5.6.7.8", 17, udp(53, 40000, new byte[33]))), 128));
        assertEquals("IP 1.2.3.4.53 > 5.6.7.8.40000: UDP, length 33", u.summary());
        assertNotNull(u.ip());
        OtherPacket t = assertInstanceOf(OtherPacket.class, decode(1,
                ethernet(0x0800, ipv4("1.2.3.4", "5.6.7.8", 6, new byte[20])), 14 + 10));
        assertEquals("IP  [|ip]", t.summary());
    }

    /** Random and truncated bytes on every link type: never an exception, always a packet. */
    @Test
    void neverThrowsOnGarbage() {
        Random random = new Random(20240301L);
        byte[] syn = ipv4("198.51.100.2", "203.0.113.10", 6,
                tcp(1, 2, 3, 4, TcpSegment.ACK, 5, synOptions(1460, 1, 2, 7), new byte[0]));
        byte[] icmp = ipv4("198.51.100.1", "198.51.100.2", 1, icmp(3, 3, 0, 0, syn));
        byte[] icmp6 = ipv6("2001:db8::1", "2001:db8::2", 58, icmp(1, 4, 0, 0,
                ipv6("2001:db8::2", "2001:db8::3", 0, concat(bytes(6, 0, 0, 0, 0, 0, 0, 0), syn))));
        byte[][] seeds = {ethernet(0x0800, syn), ethernet(0x0800, icmp), ethernet(0x86dd, icmp6),
                vlan(0x86dd, icmp6, 1, 2), sll(0x0800, syn), sll2(0x86dd, 1, 4, icmp6), syn, icmp6};
        int[] linkTypes = {1, 12, 101, 113, 276, 0, 147};
        TcpdumpFormatter formatter = new TcpdumpFormatter(java.time.ZoneOffset.UTC);
        for (int i = 0; i < 20_000; i++) {
            byte[] data;
            if (i % 2 == 0) { // pure noise
                data = new byte[random.nextInt(200)];
                random.nextBytes(data);
            } else { // a real frame, cut short and with a few bytes flipped
                byte[] seed = seeds[random.nextInt(seeds.length)];
                data = Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                for (int flips = random.nextInt(4); flips > 0 && data.length > 0; flips--) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
            int linkType = i % 3 == 0 ? linkTypes[random.nextInt(linkTypes.length)] : (i % 3 == 1 ? 1 : 101);
            CapturedFrame f = new CapturedFrame(T, linkType, data, data.length + random.nextInt(3000), "x");
            DecodedPacket p = PacketDecoder.decode(f);
            assertNotNull(p);
            if (p instanceof OtherPacket o) { // the decoder's last-resort catch must never be what saved us
                assertFalse(o.summary().startsWith("[|malformed"), o.summary());
            }
            assertEquals(1, formatter.formatFrames(List.of(f)).size());
            assertEquals(1, formatter.format(List.of(p)).size());
        }
    }
}
