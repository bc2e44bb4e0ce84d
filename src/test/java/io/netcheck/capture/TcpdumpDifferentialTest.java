package io.netcheck.capture;

import static io.netcheck.capture.Frames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of mutated frames (odd flags and options, tiny sequence numbers that stress the relative
 * numbering, ICMP of every kind, IPv6 extension chains, bit flips, snap-length cuts) through both tcpdump
 * and {@link TcpdumpFormatter#formatFrames}: every line must agree. Fixed seeds keep it reproducible.
 * Frames that reach what tcpdump dissects and we only name (GRE, ESP, DNS, MPTCP options, ...) are dropped
 * before the comparison (about one frame in ten, mostly random option bytes naming MPTCP, MD5, TCP-AO or
 * SCPS); the class comment of TcpdumpFormatter lists those limits.
 */
class TcpdumpDifferentialTest {
    private static final int[] PORTS = {443, 8443, 5000, 33962, 40000, 1, 65535};
    private static final Set<Integer> OUR_PORTS = Set.of(443, 8443, 5000, 33962, 40000, 1, 65535);
    private static final Set<Integer> OUR_PROTOCOLS = Set.of(1, 6, 17, 58, 59, 99, 253);
    private static final Set<Integer> TCPDUMP_ONLY_OPTIONS = Set.of(19, 20, 29, 30);
    private static final Set<Integer> ICMP6_TYPES = Set.of(1, 2, 3, 4, 128, 129, 131, 132, 133, 134, 135, 136, 137,
            143);

    @TempDir
    Path dir;

    @Test
    void mutatedTransportHeaders() throws Exception {
        Random r = new Random(7);
        List<CapturedFrame> frames = new ArrayList<>();
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        while (frames.size() < 3000) {
            boolean v6 = r.nextBoolean();
            byte[] tcp = randomTcp(r);
            String a = address(r, v6), b = address(r, v6);
            byte[] ip;
            if (r.nextInt(3) == 0) {
                ip = v6 ? ipv6(a, b, 6, tcp) : ipv4(a, b, 6, tcp);
            } else {
                int[] common = v6 ? new int[] {1, 2, 3, 4, 128, 129, 131, 133, 134, 135, 136, 137, 143}
                        : new int[] {0, 3, 4, 5, 8, 9, 11, 12, 13, 14, 18};
                int type = !v6 && r.nextInt(4) == 0 ? r.nextInt(256) : common[r.nextInt(common.length)];
                int code = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(16);
                int quoted = r.nextInt(5) == 0 ? 17 : 6;
                byte[] quote = v6 ? ipv6(b, a, quoted, tcp) : ipv4(b, a, quoted, tcp);
                byte[] body = r.nextInt(3) == 0 ? new byte[r.nextInt(40)] : quote;
                if (r.nextInt(4) == 0) {
                    r.nextBytes(body);
                }
                int w1 = r.nextInt(4) == 0 ? r.nextInt(65536) : r.nextInt(5);
                int w2 = r.nextInt(4) == 0 ? r.nextInt(65536) : r.nextInt(5);
                byte[] message = icmp(type, code, w1, w2, body);
                ip = v6 ? ipv6(a, b, 58, message) : ipv4(a, b, 1, message);
            }
            byte[] wire = ethernet(v6 ? 0x86dd : 0x0800, ip);
            int keep = r.nextInt(3) == 0 ? 14 + r.nextInt(wire.length - 13) : wire.length;
            t = t.plusMillis(1);
            addIfComparable(frames, frame(t, 1, wire, keep));
        }
        compare(frames, "transport");
    }

    @Test
    void mutatedLinkAndIpHeaders() throws Exception {
        for (int linkType : new int[] {1, 101, 113}) {
            Random r = new Random(1000 + linkType);
            List<CapturedFrame> frames = new ArrayList<>();
            Instant t = Instant.parse("2024-03-01T00:00:00Z");
            while (frames.size() < 2000) {
                boolean v6 = r.nextBoolean();
                byte[] packet = randomIpPacket(r, v6);
                int etherType = v6 ? 0x86dd : 0x0800;
                if (linkType == 1 && r.nextInt(10) == 0) {
                    etherType = 0x0806;
                    packet = concat(u16(1), u16(0x0800), bytes(6, 4), u16(1 + r.nextInt(4)), MAC_A, bytes(10, 0, 0, 1),
                            r.nextBoolean() ? new byte[6] : MAC_B, bytes(10, 0, 0, 2));
                }
                byte[] wire = switch (linkType) {
                    case 1 -> switch (r.nextInt(3)) {
                        case 0 -> ethernet(etherType, packet);
                        case 1 -> vlan(etherType, packet, 5);
                        default -> vlan(etherType, packet, 5, 6);
                    };
                    case 113 -> sll(etherType, packet);
                    default -> packet;
                };
                if (linkType == 1 && r.nextInt(3) == 0) {
                    wire = padded(wire);
                }
                int keep = r.nextInt(3) == 0 ? 1 + r.nextInt(wire.length) : wire.length;
                t = t.plusMillis(1);
                addIfComparable(frames, frame(t, linkType, wire, keep));
            }
            compare(frames, "link type " + linkType);
        }
    }

    private static String address(Random r, boolean v6) {
        return v6 ? "2001:db8::" + r.nextInt(3) : "10.0.0." + r.nextInt(3);
    }

    private static byte[] randomTcp(Random r) {
        byte[] options = new byte[4 * r.nextInt(6)];
        if (r.nextBoolean()) {
            r.nextBytes(options);
        } else {
            byte[] pool = concat(synOptions(1460, r.nextInt(), r.nextInt(), 7), bytes(1, 1, 5, 10), u32(r.nextInt()),
                    u32(r.nextInt()), bytes(0, 0, 0, 0, 34, 2, 254, 4, 0xf9, 0x89, 28, 4, 6, 6, 11, 6));
            for (int i = 0; i < options.length; i++) {
                options[i] = pool[r.nextInt(pool.length)];
            }
        }
        int flags = r.nextInt(4) == 0 ? r.nextInt(256) : new int[] {2, 0x12, 0x10, 0x18, 0x11, 0x14, 4}[r.nextInt(7)];
        long seq = r.nextInt(3) == 0 ? r.nextInt(5) : r.nextLong() & 0xffffffffL;
        long ack = r.nextInt(3) == 0 ? r.nextInt(5) : r.nextLong() & 0xffffffffL;
        return tcp(PORTS[r.nextInt(PORTS.length)], PORTS[r.nextInt(PORTS.length)], seq, ack, flags,
                r.nextInt(65536), options, new byte[r.nextInt(3) == 0 ? r.nextInt(1500) : 0]);
    }

    private static byte[] randomIpPacket(Random r, boolean v6) {
        int sport = PORTS[r.nextInt(PORTS.length)], dport = PORTS[r.nextInt(PORTS.length)];
        byte[] payload;
        int protocol;
        switch (r.nextInt(4)) {
            case 0 -> {
                payload = tcp(sport, dport, r.nextInt(9), r.nextInt(9), r.nextInt(256), 100,
                        r.nextBoolean() ? synOptions(1460, 1, 2, 7) : new byte[0],
                        new byte[r.nextInt(3) == 0 ? 100 : 0]);
                protocol = 6;
            }
            case 1 -> {
                payload = udp(sport, dport, new byte[r.nextInt(50)]);
                protocol = 17;
            }
            case 2 -> {
                payload = v6 ? icmp(128, 0, 1, 2, new byte[8]) : icmp(8, 0, 1, 2, new byte[8]);
                protocol = v6 ? 58 : 1;
            }
            default -> {
                payload = new byte[r.nextInt(30)];
                r.nextBytes(payload);
                protocol = new int[] {99, 59, 253}[r.nextInt(3)];
            }
        }
        String a = address(r, v6), b = address(r, v6);
        byte[] packet;
        if (v6) {
            int next = protocol;
            byte[] chain = payload;
            for (int n = r.nextInt(3); n > 0; n--) {
                int kind = new int[] {0, 60, 44, 43}[r.nextInt(4)];
                byte[] header = switch (kind) {
                    case 44 -> bytes(next, 0, 0, r.nextInt(4) == 0 ? 8 : 0, 0, 0, 0, 1);
                    case 43 -> concat(bytes(next, 2, new int[] {0, 2, 4}[r.nextInt(3)], 1, 0, 0, 0, 0),
                            v6("2001:db8::99"));
                    default -> bytes(next, 0, 1, 4, 0, 0, 0, 0);
                };
                chain = concat(header, chain);
                next = kind;
            }
            packet = ipv6(a, b, next, chain);
        } else {
            packet = ipv4(a, b, protocol, 64, r.nextInt(4) == 0 ? bytes(1, 1, 1, 0) : new byte[0], payload);
            if (r.nextInt(6) == 0) { // fragment flags and offset
                packet[6] = (byte) r.nextInt(0x40);
                packet[7] = (byte) r.nextInt(256);
            }
            if (r.nextInt(10) == 0) { // total length too small
                packet[2] = 0;
                packet[3] = (byte) r.nextInt(80);
            }
        }
        if (r.nextInt(8) == 0) {
            packet[r.nextInt(Math.min(packet.length, 60))] ^= (byte) (1 << r.nextInt(8));
        }
        return packet;
    }

    /** Keeps a frame unless a bit flip led it into something tcpdump dissects further than we do. */
    private static void addIfComparable(List<CapturedFrame> frames, CapturedFrame frame) {
        DecodedPacket p = PacketDecoder.decode(frame);
        if (p.ip() != null && !OUR_PROTOCOLS.contains(p.ip().protocol())) {
            return;
        }
        if (p instanceof TcpSegment s && (!OUR_PORTS.contains(s.sourcePort())
                || !OUR_PORTS.contains(s.destinationPort())
                || s.options().stream().anyMatch(o -> TCPDUMP_ONLY_OPTIONS.contains(o.kind())))) {
            return;
        }
        if (p instanceof IcmpMessage m && m.ip().version() == 6 && !ICMP6_TYPES.contains(m.type())) {
            return;
        }
        if (p instanceof IcmpMessage m && m.ip().version() == 6 && m.type() == 1 && m.code() > 4) {
            return; // tcpdump hex-dumps unknown unreachable codes
        }
        if (p instanceof OtherPacket o && o.summary().contains("UDP") && !o.summary().matches(
                ".*\\.(443|8443|5000|33962|40000|1|65535) > .*\\.(443|8443|5000|33962|40000|1|65535): .*")) {
            return;
        }
        frames.add(frame);
    }

    private void compare(List<CapturedFrame> frames, String what) throws Exception {
        Path file = dir.resolve("differential.pcap");
        PcapFileWriter.write(file, frames, 65535);
        // Hex dumps (tcpdump's continuation lines for undecodable data) are not reproduced.
        List<String> expected = Tcpdump.read(file).stream().filter(l -> !l.startsWith("\t")).toList();
        List<String> actual = new TcpdumpFormatter(ZoneOffset.UTC).formatFrames(frames);
        assertEquals(expected.size(), actual.size(), what + ": line count");
        StringBuilder diffs = new StringBuilder();
        int count = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).equals(actual.get(i)) && count++ < 10) {
                diffs.append("\n tcpdump: ").append(expected.get(i)).append("\n ours:    ").append(actual.get(i));
            }
        }
        int mismatches = count;
        assertTrue(mismatches == 0,
                () -> what + ": " + mismatches + " of " + expected.size() + " lines differ" + diffs);
    }
}
