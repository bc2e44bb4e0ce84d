package io.netcheck.probe.raw;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;

/**
 * Builds the Ethernet/IPv4 frames that ping and trace send (ICMP echo, TCP SYN, ARP request) and reads
 * the few fields of the answers they need. IPv4 only.
 */
public final class Frames {
    public static final int ETH = 14;
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};

    private Frames() {
    }

    public static byte[] icmpEcho(byte[] srcMac, byte[] dstMac, Inet4Address src, Inet4Address dst, int ttl, int ipId,
                                  int echoId, int seq, int payloadLength) {
        byte[] icmp = new byte[8 + payloadLength];
        icmp[0] = 8;
        putShort(icmp, 4, echoId);
        putShort(icmp, 6, seq);
        for (int i = 0; i < payloadLength; i++) {
            icmp[8 + i] = (byte) (0x20 + i % 64); // like ping's pattern: printable, no secrets
        }
        putShort(icmp, 2, checksum(icmp, 0, icmp.length, 0));
        return ipv4(srcMac, dstMac, src, dst, ttl, ipId, 1, icmp);
    }

    public static byte[] tcpSyn(byte[] srcMac, byte[] dstMac, Inet4Address src, Inet4Address dst, int ttl, int ipId,
                                int srcPort, int dstPort, long seq) {
        byte[] tcp = new byte[24];
        putShort(tcp, 0, srcPort);
        putShort(tcp, 2, dstPort);
        ByteBuffer.wrap(tcp, 4, 4).putInt((int) seq);
        tcp[12] = (byte) (6 << 4); // data offset: 6 words (20 + MSS option)
        tcp[13] = 0x02; // SYN
        putShort(tcp, 14, 64240);
        tcp[20] = 2; // MSS option
        tcp[21] = 4;
        putShort(tcp, 22, 1460);
        long pseudo = sum(src.getAddress()) + sum(dst.getAddress()) + 6 + tcp.length;
        putShort(tcp, 16, checksum(tcp, 0, tcp.length, pseudo));
        return ipv4(srcMac, dstMac, src, dst, ttl, ipId, 6, tcp);
    }

    public static byte[] arpRequest(byte[] srcMac, Inet4Address src, Inet4Address target) {
        byte[] f = new byte[ETH + 28];
        System.arraycopy(BROADCAST, 0, f, 0, 6);
        System.arraycopy(srcMac, 0, f, 6, 6);
        putShort(f, 12, 0x0806);
        putShort(f, 14, 1); // Ethernet
        putShort(f, 16, 0x0800); // IPv4
        f[18] = 6;
        f[19] = 4;
        putShort(f, 20, 1); // request
        System.arraycopy(srcMac, 0, f, 22, 6);
        System.arraycopy(src.getAddress(), 0, f, 28, 4);
        System.arraycopy(target.getAddress(), 0, f, 38, 4);
        return f;
    }

    /** The sender MAC of an ARP reply from {@code from}, null when the frame is not one. */
    public static byte[] arpReplyMac(byte[] f, Inet4Address from) {
        if (f.length < ETH + 28 || u16(f, 12) != 0x0806 || u16(f, 20) != 2) {
            return null;
        }
        for (int i = 0; i < 4; i++) {
            if (f[28 + i] != from.getAddress()[i]) {
                return null;
            }
        }
        byte[] mac = new byte[6];
        System.arraycopy(f, 22, mac, 0, 6);
        return mac;
    }

    private static byte[] ipv4(byte[] srcMac, byte[] dstMac, Inet4Address src, Inet4Address dst, int ttl, int ipId,
                               int protocol, byte[] payload) {
        byte[] f = new byte[ETH + 20 + payload.length];
        System.arraycopy(dstMac, 0, f, 0, 6);
        System.arraycopy(srcMac, 0, f, 6, 6);
        putShort(f, 12, 0x0800);
        f[ETH] = 0x45;
        putShort(f, ETH + 2, 20 + payload.length);
        putShort(f, ETH + 4, ipId);
        f[ETH + 6] = 0x40; // don't fragment
        f[ETH + 8] = (byte) ttl;
        f[ETH + 9] = (byte) protocol;
        System.arraycopy(src.getAddress(), 0, f, ETH + 12, 4);
        System.arraycopy(dst.getAddress(), 0, f, ETH + 16, 4);
        putShort(f, ETH + 10, checksum(f, ETH, 20, 0));
        System.arraycopy(payload, 0, f, ETH + 20, payload.length);
        return f;
    }

    /** What an IPv4 frame is, as far as ping and trace care. */
    public record Seen(Inet4Address from, int ttl, Kind kind, int icmpType, int icmpCode, int echoId, int echoSeq,
                       int srcPort, int dstPort, boolean syn, boolean rst) {
        public enum Kind { ECHO_REQUEST, ECHO_REPLY, ICMP_ERROR, TCP, OTHER }
    }

    /**
     * Reads an Ethernet IPv4 frame. For an ICMP error the echo id/seq or TCP ports are those of the quoted
     * packet (ours), which is how an error is tied to the probe that caused it.
     */
    public static Seen read(byte[] f) {
        if (f.length < ETH + 20 || u16(f, 12) != 0x0800 || (f[ETH] >> 4) != 4) {
            return null;
        }
        int ihl = (f[ETH] & 0x0f) * 4;
        int proto = f[ETH + 9] & 0xff;
        int ttl = f[ETH + 8] & 0xff;
        Inet4Address from = v4(f, ETH + 12);
        int l4 = ETH + ihl;
        if (proto == 1 && f.length >= l4 + 8) {
            int type = f[l4] & 0xff;
            int code = f[l4 + 1] & 0xff;
            if (type == 8) {
                return new Seen(from, ttl, Seen.Kind.ECHO_REQUEST, type, code, u16(f, l4 + 4), u16(f, l4 + 6), -1, -1,
                        false, false);
            }
            if (type == 0) {
                return new Seen(from, ttl, Seen.Kind.ECHO_REPLY, type, code, u16(f, l4 + 4), u16(f, l4 + 6), -1, -1,
                        false, false);
            }
            if ((type == 3 || type == 11) && f.length >= l4 + 8 + 20) {
                int q = l4 + 8;
                int qihl = (f[q] & 0x0f) * 4;
                int qproto = f[q + 9] & 0xff;
                int ql4 = q + qihl;
                if (f.length >= ql4 + 8) {
                    if (qproto == 1) {
                        return new Seen(from, ttl, Seen.Kind.ICMP_ERROR, type, code, u16(f, ql4 + 4), u16(f, ql4 + 6),
                                -1, -1, false, false);
                    }
                    if (qproto == 6) {
                        return new Seen(from, ttl, Seen.Kind.ICMP_ERROR, type, code, -1, -1, u16(f, ql4),
                                u16(f, ql4 + 2), false, false);
                    }
                }
            }
            return new Seen(from, ttl, Seen.Kind.OTHER, type, code, -1, -1, -1, -1, false, false);
        }
        if (proto == 6 && f.length >= l4 + 14) {
            int flags = f[l4 + 13] & 0xff;
            return new Seen(from, ttl, Seen.Kind.TCP, -1, -1, -1, -1, u16(f, l4), u16(f, l4 + 2), (flags & 0x02) != 0,
                    (flags & 0x04) != 0);
        }
        return new Seen(from, ttl, Seen.Kind.OTHER, -1, -1, -1, -1, -1, -1, false, false);
    }

    /**
     * The next-hop MTU of an ICMP "fragmentation needed and DF set" (type 3 code 4, RFC 1191: the low half of
     * the second word); null when the frame is not one or the router left it 0 (RFC 792 routers do).
     */
    public static Integer nextHopMtu(byte[] f) {
        if (f.length < ETH + 20 || u16(f, 12) != 0x0800 || (f[ETH] >> 4) != 4 || (f[ETH + 9] & 0xff) != 1) {
            return null;
        }
        int l4 = ETH + (f[ETH] & 0x0f) * 4;
        if (f.length < l4 + 8 || (f[l4] & 0xff) != 3 || (f[l4 + 1] & 0xff) != 4) {
            return null;
        }
        int mtu = u16(f, l4 + 6);
        return mtu == 0 ? null : mtu;
    }

    static Inet4Address v4(byte[] f, int off) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {f[off], f[off + 1], f[off + 2],
                    f[off + 3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >> 8);
        b[off + 1] = (byte) v;
    }

    private static long sum(byte[] b) {
        long s = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            s += u16(b, i);
        }
        return s;
    }

    /** The Internet checksum (RFC 1071) of b[off, off+len), starting from {@code initial} (a pseudo-header sum). */
    static int checksum(byte[] b, int off, int len, long initial) {
        long s = initial;
        for (int i = 0; i + 1 < len; i += 2) {
            s += u16(b, off + i);
        }
        if (len % 2 == 1) {
            s += (b[off + len - 1] & 0xff) << 8;
        }
        while ((s >> 16) != 0) {
            s = (s & 0xffff) + (s >> 16);
        }
        return (int) (~s & 0xffff);
    }
}
