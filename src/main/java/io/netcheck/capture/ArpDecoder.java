package io.netcheck.capture;

import java.time.Instant;

/** ARP summaries as tcpdump prints them ({@code ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28}). */
final class ArpDecoder {
    private ArpDecoder() {
    }

    /** @param length the frame's length on the wire after the link header, which tcpdump prints */
    static Dissection decode(Instant ts, Bytes b, int off, int length, String linkPrefix) {
        if (!b.has(off, 8)) {
            return other(ts, linkPrefix + " [|arp]");
        }
        int proto = b.u16(off + 2);
        int hln = b.u8(off + 4);
        int pln = b.u8(off + 5);
        int op = b.u16(off + 6);
        if ((proto != 0x0800 && proto != 0x1000) || pln != 4 || hln == 0) {
            return other(ts, linkPrefix + "ARP, hardware type " + b.u16(off) + ", protocol 0x"
                    + String.format("%04x", proto) + " (len " + hln + "/" + pln + "), length " + length);
        }
        if (!b.has(off, 8 + 2 * hln + 8)) {
            return other(ts, linkPrefix + " [|arp]");
        }
        int sha = off + 8, spa = sha + hln, tha = spa + 4, tpa = tha + hln;
        String text = switch (op) {
            case 1 -> "Request who-has " + ip(b, tpa) + (zero(b, tha, hln) ? "" : " (" + hw(b, tha, hln) + ")")
                    + " tell " + ip(b, spa);
            case 2 -> "Reply " + ip(b, spa) + " is-at " + hw(b, sha, hln);
            case 3 -> "Reverse Request who-is " + hw(b, tha, hln) + " tell " + hw(b, sha, hln);
            case 4 -> "Reverse Reply " + hw(b, tha, hln) + " at " + ip(b, tpa);
            case 8 -> "Inverse Request who-is " + hw(b, tha, hln) + " tell " + hw(b, sha, hln);
            case 9 -> "Inverse Reply " + hw(b, sha, hln) + " at " + ip(b, spa);
            // tcpdump follows other operations with a hex dump instead of the length
            default -> null;
        };
        if (text == null) {
            return other(ts, linkPrefix + "ARP, " + (op == 10 ? "NACK Reply" : "Unknown (" + op + ")") + " ");
        }
        return other(ts, linkPrefix + "ARP, " + text + ", length " + length);
    }

    private static Dissection other(Instant ts, String summary) {
        return Dissection.of(new OtherPacket(ts, null, summary));
    }

    private static String ip(Bytes b, int off) {
        return b.u8(off) + "." + b.u8(off + 1) + "." + b.u8(off + 2) + "." + b.u8(off + 3);
    }

    private static boolean zero(Bytes b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (b.u8(off + i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hw(Bytes b, int off, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", b.u8(off + i)));
        }
        return sb.toString();
    }
}
