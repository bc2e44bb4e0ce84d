package io.netcheck.capture;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/** Builds frames byte by byte for tests. Lengths are always right; checksums are left zero. */
final class Frames {
    static final byte[] MAC_A = {2, 0, 0, 0, 0, 1};
    static final byte[] MAC_B = {2, 0, 0, 0, 0, 2};

    private Frames() {
    }

    static InetAddress addr(String text) {
        try {
            return InetAddress.getByName(text); // literals only: never resolves
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    // ---- link layer ----

    static byte[] ethernet(int etherType, byte[] payload) {
        return concat(MAC_B, MAC_A, u16(etherType), payload);
    }

    /** Ethernet with 802.1Q (and, given two ids, an outer 802.1ad) tag(s). */
    static byte[] vlan(int etherType, byte[] payload, int... vlanIds) {
        byte[] inner = concat(u16(vlanIds[vlanIds.length - 1]), u16(etherType), payload);
        int innerTpid = 0x8100;
        for (int i = vlanIds.length - 2; i >= 0; i--) {
            inner = concat(u16(vlanIds[i]), u16(innerTpid), inner);
            innerTpid = 0x8100;
        }
        return concat(MAC_B, MAC_A, u16(vlanIds.length > 1 ? 0x88a8 : 0x8100), inner);
    }

    /** Linux cooked capture v1 header (LINKTYPE 113). */
    static byte[] sll(int etherType, byte[] payload) {
        return concat(u16(0), u16(1), u16(6), MAC_A, new byte[2], u16(etherType), payload);
    }

    /** Linux cooked capture v2 header (LINKTYPE 276). */
    static byte[] sll2(int etherType, int ifIndex, int packetType, byte[] payload) {
        return concat(u16(etherType), u16(0), u32(ifIndex), u16(1), bytes(packetType, 6), MAC_A, new byte[2],
                payload);
    }

    /** Pads to the 60-byte Ethernet minimum, as frames received from the wire are. */
    static byte[] padded(byte[] frame) {
        return frame.length >= 60 ? frame : Arrays.copyOf(frame, 60);
    }

    // ---- IP ----

    static byte[] ipv4(String src, String dst, int protocol, byte[] payload) {
        return ipv4(src, dst, protocol, 64, new byte[0], payload);
    }

    static byte[] ipv4(String src, String dst, int protocol, int ttl, byte[] options, byte[] payload) {
        int hlen = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(20);
        b.put((byte) (0x40 | hlen / 4)).put((byte) 0).putShort((short) (hlen + payload.length)).putShort((short) 1)
                .putShort((short) 0x4000).put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .put(addr(src).getAddress()).put(addr(dst).getAddress());
        return concat(b.array(), options, payload);
    }

    static byte[] ipv6(String src, String dst, int nextHeader, byte[] payload) {
        return ipv6(src, dst, nextHeader, 64, payload);
    }

    static byte[] ipv6(String src, String dst, int nextHeader, int hopLimit, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.putInt(0x60000000).putShort((short) payload.length).put((byte) nextHeader).put((byte) hopLimit);
        return concat(b.array(), v6(src), v6(dst), payload);
    }

    static byte[] v6(String text) {
        byte[] a = addr(text).getAddress();
        return a.length == 16 ? a : AddressText.bytes16(addr(text));
    }

    // ---- transport ----

    static byte[] tcp(int sport, int dport, long seq, long ack, int flags, int window, byte[] options,
                      byte[] payload) {
        if (options.length % 4 != 0) {
            throw new IllegalArgumentException("pad TCP options to 4 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .put((byte) ((20 + options.length) / 4 << 4)).put((byte) flags).putShort((short) window)
                .putShort((short) 0).putShort((short) 0);
        return concat(b.array(), options, payload);
    }

    static byte[] udp(int sport, int dport, byte[] payload) {
        return concat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
    }

    static byte[] icmp(int type, int code, int word1, int word2, byte[] body) {
        return concat(bytes(type, code, 0, 0), u16(word1), u16(word2), body);
    }

    /** The usual Linux SYN options: mss, sackOK, TS, nop, wscale. */
    static byte[] synOptions(int mss, long tsVal, long tsEcr, int wscale) {
        return concat(bytes(2, 4), u16(mss), bytes(4, 2, 8, 10), u32(tsVal), u32(tsEcr), bytes(1, 3, 3, wscale));
    }

    static byte[] tsOptions(long tsVal, long tsEcr) {
        return concat(bytes(1, 1, 8, 10), u32(tsVal), u32(tsEcr));
    }

    static byte[] u16(int v) {
        return bytes(v >> 8, v);
    }

    static byte[] u32(long v) {
        return bytes((int) (v >> 24), (int) (v >> 16), (int) (v >> 8), (int) v);
    }

    // ---- frames ----

    /** A frame as libpcap hands it over: truncated to {@code snaplen}, original length kept. */
    static CapturedFrame frame(Instant ts, int linkType, byte[] wire, int snaplen) {
        byte[] kept = Arrays.copyOf(wire, Math.min(wire.length, snaplen));
        return new CapturedFrame(ts, linkType, kept, wire.length, "eth0");
    }

    static CapturedFrame ether(Instant ts, byte[] wire) {
        return frame(ts, 1, wire, 65535);
    }
}
