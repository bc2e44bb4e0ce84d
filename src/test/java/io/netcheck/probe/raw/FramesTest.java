package io.netcheck.probe.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.TcpdumpFormatter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Crafted frames: valid checksums, and printed by the tcpdump formatter exactly as ping/traceroute packets. */
class FramesTest {
    static final byte[] A = NextHop.mac("02:00:00:00:00:01");
    static final byte[] B = NextHop.mac("02:00:00:00:00:02");

    static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    static String tcpdump(byte[] frame) {
        return new TcpdumpFormatter(ZoneOffset.UTC).formatFrames(List.of(new CapturedFrame(
                Instant.parse("2026-11-22T04:00:00Z"), 1, frame, frame.length, "eth0"))).get(0);
    }

    @Test
    void anEchoRequestWithValidChecksums() throws Exception {
        byte[] f = Frames.icmpEcho(A, B, v4("198.51.100.2"), v4("203.0.113.130"), 64, 0x1234, 777, 3, 56);
        assertEquals(14 + 20 + 64, f.length);
        assertEquals(0, Frames.checksum(f, 14, 20, 0), "IP header checksum");
        assertEquals(0, Frames.checksum(f, 34, 64, 0), "ICMP checksum");
        assertEquals("04:00:00.000000 IP 198.51.100.2 > 203.0.113.130: ICMP echo request, id 777, seq 3, length 64",
                tcpdump(f));
        Frames.Seen s = Frames.read(f);
        assertEquals(Frames.Seen.Kind.ECHO_REQUEST, s.kind());
        assertEquals(777, s.echoId());
        assertEquals(3, s.echoSeq());
    }

    @Test
    void aSynWithAValidPseudoHeaderChecksumAndTtl() throws Exception {
        byte[] f = Frames.tcpSyn(A, B, v4("198.51.100.2"), v4("203.0.113.130"), 2, 1, 40002, 443, 12345);
        assertEquals(2, f[14 + 8]);
        byte[] pseudo = new byte[12 + 24];
        System.arraycopy(f, 14 + 12, pseudo, 0, 8);
        pseudo[9] = 6;
        pseudo[11] = 24;
        System.arraycopy(f, 34, pseudo, 12, 24);
        assertEquals(0, Frames.checksum(pseudo, 0, pseudo.length, 0), "TCP checksum over the pseudo-header");
        assertTrue(tcpdump(f).contains("IP 198.51.100.2.40002 > 203.0.113.130.443: Flags [S], seq 12345, win 64240, "
                + "options [mss 1460], length 0"), tcpdump(f));
    }

    @Test
    void readsTimeExceededQuotingOurProbes() throws Exception {
        byte[] echo = Frames.icmpEcho(A, B, v4("198.51.100.2"), v4("203.0.113.130"), 1, 9, 777, 1, 32);
        byte[] syn = Frames.tcpSyn(A, B, v4("198.51.100.2"), v4("203.0.113.130"), 1, 9, 40001, 80, 1);
        for (byte[] quoted : List.of(echo, syn)) {
            byte[] err = new byte[14 + 20 + 8 + 28];
            System.arraycopy(quoted, 0, err, 0, 14);
            err[12] = 8;
            err[14] = 0x45;
            err[14 + 8] = 64;
            err[14 + 9] = 1;
            System.arraycopy(v4("198.51.100.1").getAddress(), 0, err, 14 + 12, 4);
            System.arraycopy(v4("198.51.100.2").getAddress(), 0, err, 14 + 16, 4);
            err[34] = 11;
            System.arraycopy(quoted, 14, err, 42, 28);
            Frames.Seen s = Frames.read(err);
            assertEquals(Frames.Seen.Kind.ICMP_ERROR, s.kind());
            assertEquals(v4("198.51.100.1"), s.from());
            assertEquals(11, s.icmpType());
            if (quoted == echo) {
                assertEquals(777, s.echoId());
                assertEquals(1, s.echoSeq());
            } else {
                assertEquals(40001, s.srcPort());
                assertEquals(80, s.dstPort());
            }
        }
    }

    @Test
    void aFullSizeEchoWithDontFragmentAndTheFragmentationNeededAboutIt() throws Exception {
        byte[] echo = Frames.icmpEcho(A, B, v4("198.51.100.2"), v4("203.0.113.10"), 64, 9, 777, 5, 1500 - 28);
        assertEquals(14 + 1500, echo.length, "the IP datagram is exactly the size asked for");
        assertEquals(0x40, echo[14 + 6] & 0xe0, "DF set, no more fragments");
        assertEquals(0, Frames.checksum(echo, 34, 1480, 0), "ICMP checksum over the whole payload");
        // What a router with a 1400-byte next hop answers (RFC 1191): type 3 code 4, MTU in the second word.
        byte[] err = new byte[14 + 20 + 8 + 28];
        System.arraycopy(echo, 0, err, 0, 14);
        err[14] = 0x45;
        err[14 + 3] = 20 + 8 + 28; // total length
        err[14 + 8] = 64;
        err[14 + 9] = 1;
        System.arraycopy(v4("198.51.100.1").getAddress(), 0, err, 14 + 12, 4);
        System.arraycopy(v4("198.51.100.2").getAddress(), 0, err, 14 + 16, 4);
        err[34] = 3;
        err[35] = 4;
        err[34 + 6] = (byte) (1400 >> 8);
        err[34 + 7] = (byte) 1400;
        System.arraycopy(echo, 14, err, 42, 28);
        assertEquals(1400, Frames.nextHopMtu(err));
        Frames.Seen s = Frames.read(err);
        assertEquals(777, s.echoId());
        assertEquals(5, s.echoSeq(), "tied back to the echo it is about");
        assertTrue(tcpdump(err).endsWith("ICMP 203.0.113.10 unreachable - need to frag (mtu 1400), length 36"),
                tcpdump(err));
        err[34 + 6] = 0;
        err[34 + 7] = 0;
        assertNull(Frames.nextHopMtu(err), "an RFC 792 router leaves the MTU out");
        err[35] = 1;
        assertNull(Frames.nextHopMtu(err), "host unreachable carries no MTU");
        assertNull(Frames.nextHopMtu(echo));
    }

    @Test
    void arpRequestAndReply() throws Exception {
        byte[] req = Frames.arpRequest(A, v4("198.51.100.2"), v4("198.51.100.1"));
        assertEquals("04:00:00.000000 ARP, Request who-has 198.51.100.1 tell 198.51.100.2, length 28", tcpdump(req));
        byte[] reply = req.clone();
        reply[21] = 2;
        System.arraycopy(B, 0, reply, 22, 6);
        System.arraycopy(v4("198.51.100.1").getAddress(), 0, reply, 28, 4);
        assertArrayEquals(B, Frames.arpReplyMac(reply, v4("198.51.100.1")));
        assertNull(Frames.arpReplyMac(req, v4("198.51.100.1")), "a request is not a reply");
    }
}
