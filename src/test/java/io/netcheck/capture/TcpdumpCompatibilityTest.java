package io.netcheck.capture;

import static io.netcheck.capture.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference test: frames written with {@link PcapFileWriter} are read back by the real
 * {@code tcpdump -nn -r} (TZ=UTC), and {@link TcpdumpFormatter} must print the very same lines.
 */
class TcpdumpCompatibilityTest {
    private static final int S = TcpSegment.SYN, A = TcpSegment.ACK, F = TcpSegment.FIN, R = TcpSegment.RST,
            P = TcpSegment.PSH;
    private static final String C4 = "198.51.100.2", VIP4 = "203.0.113.10", GW4 = "198.51.100.1";
    private static final String C6 = "2001:db8:1::2", VIP6 = "2001:db8:100::10", GW6 = "2001:db8:2::1";

    @TempDir
    Path dir;

    /** Collects frames a few milliseconds apart, each cut to the capture's snap length. */
    private static final class Capture {
        final int linkType;
        final int snaplen;
        final List<CapturedFrame> frames = new ArrayList<>();
        Instant next = Instant.parse("2024-03-01T13:37:36.679409Z");

        Capture(int linkType, int snaplen) {
            this.linkType = linkType;
            this.snaplen = snaplen;
        }

        Capture add(byte[] wire) {
            frames.add(frame(next, linkType, wire, snaplen));
            // Uneven gaps with sub-microsecond parts: pcap keeps microseconds, so must we (truncating).
            next = next.plus(Duration.ofNanos(2_567_890L + frames.size() * 137_000L));
            return this;
        }

        /** A frame cut by the snap length: only {@code keep} bytes captured, original length kept. */
        Capture cut(byte[] wire, int keep) {
            frames.add(frame(next, linkType, wire, keep));
            next = next.plusNanos(250_000);
            return this;
        }

        Capture ip4(byte[] ipPacket) {
            return add(linkType == 1 ? ethernet(0x0800, ipPacket) : ipPacket);
        }

        Capture ip6(byte[] ipPacket) {
            return add(linkType == 1 ? ethernet(0x86dd, ipPacket) : ipPacket);
        }
    }

    private List<String> tcpdumpLines(Capture c) throws Exception {
        Path file = dir.resolve("capture-" + c.linkType + ".pcap");
        assertEquals(0, PcapFileWriter.write(file, c.frames, c.snaplen));
        return Tcpdump.read(file);
    }

    private static List<String> ours(Capture c) {
        List<DecodedPacket> decoded = c.frames.stream().map(PacketDecoder::decode).toList();
        return new TcpdumpFormatter(ZoneOffset.UTC).format(decoded);
    }

    private static List<String> oursFromFrames(Capture c) {
        return new TcpdumpFormatter(ZoneOffset.UTC).formatFrames(c.frames);
    }

    private static void assertSameLines(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            int line = i + 1;
            assertEquals(expected.get(i), actual.get(i), () -> "line " + line + " differs");
        }
        assertEquals(expected.size(), actual.size(), "line count");
    }

    /** Handshake, request, response, SACK, FIN exchange. Server port 443: tcpdump decodes nothing there. */
    private static void ipv4Connection(Capture c) {
        long cIsn = 1_558_296_291L, sIsn = 3_761_122_213L;
        int cp = 33962, sp = 443;
        c.ip4(ipv4(C4, VIP4, 6, tcp(cp, sp, cIsn, 0, S, 64240, synOptions(1460, 2_410_005_111L, 0, 7), new byte[0])));
        c.ip4(ipv4(VIP4, C4, 6, 58, new byte[0],
                tcp(sp, cp, sIsn, cIsn + 1, S | A, 65160, synOptions(1400, 901_234, 2_410_005_111L, 9), new byte[0])));
        c.ip4(ipv4(C4, VIP4, 6, tcp(cp, sp, cIsn + 1, sIsn + 1, A, 502, tsOptions(2_410_005_140L, 901_234),
                new byte[0])));
        c.ip4(ipv4(C4, VIP4, 6, tcp(cp, sp, cIsn + 1, sIsn + 1, P | A, 502, tsOptions(2_410_005_141L, 901_234),
                new byte[517])));
        c.ip4(ipv4(VIP4, C4, 6, 58, new byte[0], tcp(sp, cp, sIsn + 1, cIsn + 518, A, 507,
                tsOptions(901_260, 2_410_005_141L), new byte[0])));
        c.ip4(ipv4(VIP4, C4, 6, 58, new byte[0], tcp(sp, cp, sIsn + 1, cIsn + 518, P | A, 507,
                tsOptions(901_261, 2_410_005_141L), new byte[1388])));
        // Client saw a later segment first: SACK block in the server's sequence space.
        byte[] sack = concat(bytes(1, 1, 5, 10), u32(sIsn + 2777), u32(sIsn + 4165));
        c.ip4(ipv4(C4, VIP4, 6, tcp(cp, sp, cIsn + 518, sIsn + 1389, A, 501, sack, new byte[0])));
        c.ip4(ipv4(C4, VIP4, 6, tcp(cp, sp, cIsn + 518, sIsn + 1389, F | A, 501, tsOptions(2_410_005_200L, 901_261),
                new byte[0])));
        c.ip4(ipv4(VIP4, C4, 6, 58, new byte[0], tcp(sp, cp, sIsn + 1389, cIsn + 519, F | A, 507,
                tsOptions(901_300, 2_410_005_200L), new byte[0])));
        c.ip4(ipv4(C4, VIP4, 6, tcp(cp, sp, cIsn + 519, sIsn + 1390, A, 501, tsOptions(2_410_005_210L, 901_300),
                new byte[0])));
    }

    private static byte[] syn4(int sport, String dst, int dport, long isn) {
        return ipv4(C4, dst, 6, tcp(sport, dport, isn, 0, S, 64240, synOptions(1460, 77_000, 0, 7), new byte[0]));
    }

    /** Refused, unanswered and ICMP-rejected connection attempts. */
    private static void ipv4Failures(Capture c) {
        // Refused: RST+ACK answering a SYN (arrives padded to the Ethernet minimum).
        c.ip4(syn4(33964, VIP4, 8443, 4_000_000_000L));
        byte[] rst = ipv4(VIP4, C4, 6, tcp(8443, 33964, 0, 4_000_000_001L, R | A, 0, new byte[0], new byte[0]));
        c.add(c.linkType == 1 ? padded(ethernet(0x0800, rst)) : rst);
        // Unanswered: the SYN and two retransmissions.
        for (int i = 0; i < 3; i++) {
            c.ip4(syn4(33966, "203.0.113.20", 443, 123_456_789L));
        }
        // ICMP errors quoting the SYN that caused them, whole (60 bytes): ICMP length 68.
        c.ip4(ipv4(GW4, C4, 1, icmp(3, 3, 0, 0, syn4(33968, VIP4, 80, 42))));
        c.ip4(ipv4(GW4, C4, 1, icmp(3, 1, 0, 0, syn4(33970, "203.0.113.250", 443, 43))));
        c.ip4(ipv4(GW4, C4, 1, icmp(3, 0, 0, 0, syn4(33972, "192.0.2.77", 443, 44))));
        c.ip4(ipv4(GW4, C4, 1, icmp(3, 13, 0, 0, syn4(33974, VIP4, 5432, 45))));
        c.ip4(ipv4(GW4, C4, 1, icmp(3, 4, 0, 1400, syn4(33976, VIP4, 443, 46))));
        c.ip4(ipv4(GW4, C4, 1, icmp(3, 10, 0, 0, syn4(33978, VIP4, 443, 47))));
        // Time exceeded with the classic 8-byte quote (28 bytes): ICMP length 36.
        byte[] quote = java.util.Arrays.copyOf(syn4(33980, VIP4, 443, 48), 28);
        c.ip4(ipv4("192.0.2.1", C4, 1, icmp(11, 0, 0, 0, quote)));
        c.ip4(ipv4(GW4, C4, 1, icmp(12, 0, 20 << 8, 0, quote)));
        c.ip4(ipv4(GW4, C4, 1, icmp(5, 1, (10 << 8), (1 << 8) | 1, quote)));
        // Ping.
        c.ip4(ipv4(C4, VIP4, 1, icmp(8, 0, 1, 1, new byte[56])));
        c.ip4(ipv4(VIP4, C4, 1, icmp(0, 0, 1, 1, new byte[56])));
        c.ip4(ipv4(C4, VIP4, 1, icmp(13, 0, 7, 9, new byte[12])));
        c.ip4(ipv4(C4, VIP4, 1, icmp(42, 0, 0, 0, new byte[4])));
        // Not TCP or ICMP: UDP to a port tcpdump does not dissect, an unknown protocol, a later fragment.
        c.ip4(ipv4(C4, VIP4, 17, udp(40000, 5555, new byte[33])));
        c.ip4(ipv4(C4, VIP4, 99, new byte[12]));
        byte[] fragment = ipv4(C4, VIP4, 6, new byte[24]);
        fragment[6] = 0;
        fragment[7] = 0x10;
        c.ip4(fragment);
        // IPv4 header options (IHL 6): not printed by tcpdump, but they move the TCP header.
        c.ip4(ipv4(C4, VIP4, 6, 64, bytes(1, 1, 1, 0),
                tcp(33982, 443, 5, 0, S, 1024, new byte[0], new byte[0])));
    }

    private static byte[] syn6(int sport, int dport, long isn) {
        return ipv6(C6, VIP6, 6, tcp(sport, dport, isn, 0, S, 64800, synOptions(1440, 5_000, 0, 7), new byte[0]));
    }

    private static void ipv6Traffic(Capture c) {
        long cIsn = 2_000_000_000L, sIsn = 4_294_967_000L; // server ISN wraps around 2^32
        c.ip6(syn6(51000, 443, cIsn));
        c.ip6(ipv6(VIP6, C6, 6, 57, tcp(443, 51000, sIsn, cIsn + 1, S | A, 64260,
                synOptions(1440, 6_000, 5_000, 7), new byte[0])));
        c.ip6(ipv6(C6, VIP6, 6, tcp(51000, 443, cIsn + 1, sIsn + 1, A, 507, tsOptions(5_001, 6_000), new byte[0])));
        c.ip6(ipv6(C6, VIP6, 6, tcp(51000, 443, cIsn + 1, sIsn + 1, P | A, 507, tsOptions(5_002, 6_000),
                new byte[300])));
        c.ip6(ipv6(VIP6, C6, 6, 57, tcp(443, 51000, sIsn + 1, cIsn + 301, P | A, 502, tsOptions(6_010, 5_002),
                new byte[2000])));
        c.ip6(ipv6(C6, VIP6, 6, tcp(51000, 443, cIsn + 301, sIsn + 2001, R | A, 0, new byte[0], new byte[0])));
        c.ip6(ipv6(GW6, C6, 58, icmp(1, 4, 0, 0, syn6(51002, 80, 9))));
        c.ip6(ipv6(GW6, C6, 58, icmp(1, 3, 0, 0, syn6(51004, 443, 10))));
        c.ip6(ipv6(GW6, C6, 58, icmp(1, 0, 0, 0, syn6(51006, 443, 11))));
        c.ip6(ipv6(GW6, C6, 58, icmp(1, 1, 0, 0, syn6(51008, 443, 12))));
        c.ip6(ipv6(GW6, C6, 58, icmp(3, 0, 0, 0, syn6(51010, 443, 13))));
        c.ip6(ipv6(GW6, C6, 58, icmp(2, 0, 0, 1280, syn6(51012, 443, 14))));
        c.ip6(ipv6(C6, VIP6, 58, icmp(128, 0, 77, 3, new byte[56])));
        c.ip6(ipv6(VIP6, C6, 58, icmp(129, 0, 77, 3, new byte[56])));
        c.ip6(ipv6("::ffff:192.0.2.1", "::1", 17, udp(40002, 40001, new byte[0])));
    }

    @Test
    void ethernetCaptureMatchesTcpdump() throws Exception {
        Capture c = new Capture(1, 128); // headers only, as netcheck captures
        ipv4Connection(c);
        ipv4Failures(c);
        ipv6Traffic(c);
        byte[] synAck = ipv4(VIP4, C4, 6, tcp(443, 40100, 10, 21, S | A, 1000, synOptions(1460, 1, 2, 7),
                new byte[0]));
        c.add(vlan(0x0800, ipv4(C4, VIP4, 6, tcp(40100, 443, 20, 0, S, 1000, new byte[0], new byte[0])), 100));
        c.add(vlan(0x0800, synAck, 10, 200));
        c.add(vlan(0x86dd, syn6(51100, 443, 1), 7));
        byte[] arp = concat(u16(1), u16(0x0800), bytes(6, 4), u16(1), MAC_A, bytes(198, 51, 100, 2), new byte[6],
                bytes(198, 51, 100, 1));
        c.add(padded(ethernet(0x0806, arp)));
        byte[] arpReply = concat(u16(1), u16(0x0800), bytes(6, 4), u16(2), MAC_B, bytes(198, 51, 100, 1), MAC_A,
                bytes(198, 51, 100, 2));
        c.add(ethernet(0x0806, arpReply));

        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, ours(c));
        assertSameLines(expected, oursFromFrames(c));
    }

    @Test
    void snaplen96KeepsLengthsFromIpHeaders() throws Exception {
        Capture c = new Capture(1, 96);
        ipv4Connection(c);
        ipv6Traffic(c);
        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, ours(c));
    }

    @Test
    void rawIpCaptureMatchesTcpdump() throws Exception {
        Capture c = new Capture(101, 128);
        ipv4Connection(c);
        ipv4Failures(c);
        ipv6Traffic(c);
        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, ours(c));
    }

    @Test
    void linuxCookedCaptureMatchesTcpdump() throws Exception {
        Capture c = new Capture(113, 128);
        c.add(sll(0x0800, syn4(33962, VIP4, 443, 1)));
        c.add(sll(0x86dd, syn6(51000, 443, 1)));
        c.add(sll(0x0800, ipv4(GW4, C4, 1, icmp(3, 3, 0, 0, syn4(33968, VIP4, 80, 42)))));
        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, ours(c));
    }

    /** What only {@link TcpdumpFormatter#formatFrames} can print: payload text, IPv6 extension headers, ... */
    @Test
    void frameFormattingMatchesTcpdumpBeyondTheRecords() throws Exception {
        Capture c = new Capture(1, 128);
        byte[] get = ascii("GET /health HTTP/1.1\r\nHost: vip.example\r\n\r\n");
        byte[] ok = concat(ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"), new byte[200]);
        c.ip4(ipv4(C4, VIP4, 6, tcp(33990, 80, 1000, 5000, P | A, 502, new byte[0], get)));
        c.ip4(ipv4(VIP4, C4, 6, tcp(80, 33990, 5000, 1000 + get.length, P | A, 502, new byte[0], ok)));
        c.ip4(ipv4(C4, VIP4, 6, tcp(33992, 8080, 1000, 5000, P | A, 502, new byte[0], concat(new byte[3], get))));
        c.ip4(ipv4(C4, VIP4, 6, tcp(33994, 80, 1000, 5000, P | A, 502, new byte[0], new byte[2000])));
        c.ip4(ipv4(C4, VIP4, 6, tcp(33996, 22, 1, 1, P | A, 502, new byte[0], ascii("SSH-2.0-OpenSSH_9.2p1\r\n"))));
        c.ip4(ipv4(C4, VIP4, 6, tcp(33996, 22, 1, 1, P | A, 502, new byte[0], new byte[40])));
        byte[] urgent = tcp(33998, 443, 1, 1, A | TcpSegment.URG, 502, new byte[0], new byte[0]);
        urgent[19] = 7;
        c.ip4(ipv4(C4, VIP4, 6, urgent));
        byte[] hopByHop = bytes(6, 0, 1, 4, 0, 0, 0, 0);
        c.ip6(ipv6(C6, VIP6, 0, concat(hopByHop, tcp(51000, 443, 1, 0, S, 1000, new byte[0], new byte[0]))));
        byte[] fragment = bytes(6, 0, 0, 0, 0, 0, 0, 7);
        c.ip6(ipv6(C6, VIP6, 44, concat(fragment, tcp(51002, 443, 1, 0, S, 1000, new byte[0], new byte[0]))));
        c.ip6(ipv6(C6, VIP6, 44, concat(bytes(6, 0, 0, 0x09, 0, 0, 0, 7), new byte[20])));
        c.ip6(ipv6("fe80::1", "ff02::1:ff00:10", 58, 255, icmp(135, 0, 0, 0, concat(v6(VIP6), bytes(1, 1),
                MAC_A))));
        c.ip6(ipv6("fe80::10", "fe80::1", 58, 255, icmp(136, 0, 0x6000, 0, concat(v6(VIP6), bytes(2, 1), MAC_B))));
        c.ip6(ipv6(C6, "ff02::16", 0, 1, concat(bytes(58, 0, 5, 2, 0, 0, 1, 0), icmp(143, 0, 0, 0, new byte[0]))));
        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, oursFromFrames(c));
    }

    @Test
    void linuxCookedV2NamesInterfaceAndDirection() throws Exception {
        Capture c = new Capture(276, 128);
        c.add(sll2(0x0800, 1, 4, syn4(33962, VIP4, 443, 1)));
        c.add(sll2(0x86dd, 1, 0, syn6(51000, 443, 1)));
        c.add(sll2(0x0800, 999_999, 1, syn4(33962, VIP4, 443, 1)));
        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, oursFromFrames(c));
    }

    /** Malformed and truncated headers: tcpdump's own complaint, word for word. */
    @Test
    void malformedPacketsMatchTcpdump() throws Exception {
        Capture c = new Capture(1, 65535);
        byte[] syn = syn4(33962, VIP4, 443, 1);
        for (int cut : new int[] {0, 10, 20, 22, 24, 30, 40, 60}) {
            c.cut(ethernet(0x0800, syn), 14 + cut);
        }
        byte[] icmpErr = ipv4(GW4, C4, 1, icmp(3, 3, 0, 0, syn));
        for (int cut : new int[] {21, 22, 28, 30, 40, 48, 50, 52}) {
            c.cut(ethernet(0x0800, icmpErr), 14 + cut);
        }
        byte[] icmp6Err = ipv6(GW6, C6, 58, icmp(1, 4, 0, 0, syn6(51002, 80, 9)));
        for (int cut : new int[] {30, 40, 41, 44, 48, 60, 88, 90, 92}) {
            c.cut(ethernet(0x86dd, icmp6Err), 14 + cut);
        }
        byte[][] optionSets = {
                bytes(2, 5, 5, 0xb4, 0, 1, 1, 1), // mss with a wrong length: [len 5], then eol
                bytes(0x63, 4, 0xab, 0xcd), // unknown option
                bytes(0, 0, 0, 0), bytes(1, 0, 0, 0), // eol, nop eol
                bytes(2, 1, 0, 0), bytes(1, 2, 9, 0), // bad lengths: first and second option
                bytes(6, 6, 0, 0, 0, 5, 7, 6, 0, 0, 0, 6), // echo, echoreply
                bytes(3, 3, 14, 1), bytes(1, 1, 2, 2), // wscale + nop, mss too short for its data
                bytes(1, 1, 5, 10, 0, 0, 3, 0xe8, 0, 0, 7, 0xd0), bytes(1, 1, 5, 7, 1, 2, 3, 4, 5, 0, 0, 0)};
        for (byte[] options : optionSets) {
            c.ip4(ipv4(C4, VIP4, 6, tcp(33962, 5000, 1000, 1, A, 100, options, new byte[0])));
        }
        c.ip4(ipv4(C4, VIP4, 6, tcp(33962, 5000, 1000, 0, 0xff, 100, new byte[0], new byte[0])));
        c.ip4(ipv4(C4, VIP4, 6, tcp(33962, 5000, 1000, 0, 0, 100, new byte[0], new byte[0])));
        byte[] shortHeader = ipv4(C4, VIP4, 6, tcp(33962, 5000, 1, 1, A, 100, new byte[0], new byte[0]));
        shortHeader[20 + 12] = 0x30;
        c.ip4(shortHeader);
        byte[] longHeader = ipv4(C4, VIP4, 6, tcp(33962, 5000, 1, 1, S | A, 100, new byte[0], new byte[0]));
        longHeader[20 + 12] = (byte) 0xf0;
        c.ip4(longHeader);
        byte[] badHlen = syn.clone();
        badHlen[0] = 0x44;
        c.ip4(badHlen);
        byte[] badLen = syn.clone();
        badLen[2] = 0;
        badLen[3] = 16;
        c.ip4(badLen);
        byte[] v6InV4 = syn.clone();
        v6InV4[0] = 0x65;
        c.ip4(v6InV4);
        c.ip4(ipv4(C4, VIP4, 17, concat(u16(40000), u16(5555), u16(3), u16(0))));
        c.ip4(ipv4(C4, VIP4, 17, concat(u16(40000), u16(5555), u16(200), u16(0), new byte[12])));
        c.cut(ethernet(0x0800, ipv4(C4, VIP4, 17, udp(40000, 5555, new byte[9]))), 14 + 26);
        c.add(bytes(2, 0, 0, 0, 0, 2, 2, 0));
        c.cut(vlan(0x0800, syn, 5), 16);
        c.add(ethernet(0x88b5, new byte[0]));
        List<String> expected = tcpdumpLines(c);
        assertSameLines(expected, oursFromFrames(c));
    }
}
