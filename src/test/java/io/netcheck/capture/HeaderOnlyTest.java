package io.netcheck.capture;

import static io.netcheck.capture.Frames.ascii;
import static io.netcheck.capture.Frames.ethernet;
import static io.netcheck.capture.Frames.icmp;
import static io.netcheck.capture.Frames.ipv4;
import static io.netcheck.capture.Frames.ipv6;
import static io.netcheck.capture.Frames.tcp;
import static io.netcheck.capture.Frames.tsOptions;
import static io.netcheck.capture.Frames.vlan;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Header-only captures: no byte of TCP payload survives, headers and ICMP quotes do. */
class HeaderOnlyTest {
    private static final byte[] SECRET = ascii("HTTP/1.1 200 OK\r\nSet-Cookie: session=TOPSECRET\r\n\r\n");

    private static byte[] segment(byte[] payload) {
        return tcp(80, 40000, 1000, 2000, TcpSegment.PSH | TcpSegment.ACK, 502, tsOptions(1, 2), payload);
    }

    private static boolean containsSecret(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).contains("TOPSECRET")
                || new String(data, StandardCharsets.ISO_8859_1).contains("HTTP/1.1");
    }

    @Test
    void ipv4SegmentKeepsHeadersAndDropsPayload() {
        byte[] wire = ethernet(0x0800, ipv4("203.0.113.10", "198.51.100.2", 6, segment(SECRET)));
        byte[] kept = HeaderOnly.strip(wire, 1);
        assertEquals(14 + 20 + 32, kept.length, "Ethernet + IPv4 + TCP with timestamps");
        assertFalse(containsSecret(kept));
        // Still decodes to the same segment, with the payload length taken from the IP header.
        TcpSegment seg = (TcpSegment) PacketDecoder.decode(new CapturedFrame(Instant.EPOCH, 1, kept, wire.length, "eth0"));
        assertEquals(SECRET.length, seg.payloadLength());
    }

    @Test
    void ipv6AndVlanToo() {
        byte[] v6 = ethernet(0x86dd, ipv6("2001:db8::10", "2001:db8::2", 6, segment(SECRET)));
        assertEquals(14 + 40 + 32, HeaderOnly.strip(v6, 1).length);
        byte[] tagged = vlan(0x0800, ipv4("203.0.113.10", "198.51.100.2", 6, segment(SECRET)), 42);
        byte[] kept = HeaderOnly.strip(tagged, 1);
        assertEquals(18 + 20 + 32, kept.length);
        assertFalse(containsSecret(kept));
    }

    @Test
    void icmpErrorsKeepTheirQuote() {
        byte[] quoted = ipv4("198.51.100.2", "203.0.113.10", 6, tcp(40000, 80, 1, 0, TcpSegment.SYN, 64240,
                new byte[0], new byte[0]));
        byte[] wire = ethernet(0x0800, ipv4("198.51.100.1", "198.51.100.2", 1, icmp(3, 3, 0, 0,
                Arrays.copyOf(quoted, 28))));
        assertArrayEquals(wire, HeaderOnly.strip(wire, 1));
    }

    @Test
    void segmentWithoutPayloadIsUntouched() {
        byte[] wire = ethernet(0x0800, ipv4("203.0.113.10", "198.51.100.2", 6, segment(new byte[0])));
        assertArrayEquals(wire, HeaderOnly.strip(wire, 1));
    }
}
