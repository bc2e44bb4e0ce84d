package io.netcheck.capture;

import java.util.List;

/** Decodes a TCP header; headers tcpdump would reject become {@link OtherPacket}s with tcpdump's text. */
final class TcpDecoder {
    private TcpDecoder() {
    }

    static Dissection decode(IpContext c) {
        Bytes b = c.bytes();
        int off = c.offset();
        if (!b.has(off, 4)) {
            return c.other(c.portlessLead() + " [|tcp]");
        }
        int sport = b.u16(off);
        int dport = b.u16(off + 2);
        String lead = c.portLead(sport, dport);
        if (!b.has(off, 20)) {
            return c.other(lead + " [|tcp]");
        }
        int hlen = (b.u8(off + 12) >>> 4) * 4;
        if (hlen < 20) {
            long remaining = Integer.toUnsignedLong(c.length() - hlen);
            return c.other(lead + " tcp " + remaining + " [bad hdr length " + hlen + " - too short, < 20]");
        }
        int flags = b.u8(off + 13);
        long seq = b.u32(off + 4), ack = b.u32(off + 8);
        if (hlen > c.length()) {
            // tcpdump has already folded this header into its relative sequence numbers when it notices.
            TcpSegment state = new TcpSegment(c.timestamp(), c.ip(), sport, dport, seq, ack, flags, b.u16(off + 14),
                    List.of(), 0);
            return c.other(lead + "Flags [" + TcpSegment.flagText(flags) + "] [bad hdr length " + hlen
                    + " - too long, > " + c.length() + "]").withSeqEffect(state);
        }
        List<TcpOption> options = TcpOptionParser.parse(b, off + 20, hlen - 20);
        int payload = c.length() - hlen;
        TcpSegment segment = new TcpSegment(c.timestamp(), c.ip(), sport, dport, seq, ack, flags, b.u16(off + 14),
                options, payload);
        // With payload to decode, tcpdump insists on the whole header first (options may have ended early).
        String app = payload > 0 && !b.has(off, hlen)
                ? " [remaining caplen(" + b.available(off) + ") < header length(" + hlen + ")] [|tcp]"
                : AppLayerText.forTcp(sport, dport, b, off + hlen, payload);
        return c.with(segment, app, null, b.u16(off + 18));
    }
}
