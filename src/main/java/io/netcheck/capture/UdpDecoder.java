package io.netcheck.capture;

/**
 * UDP is only summarised: netcheck reasons about TCP and ICMP. The text matches tcpdump for ports it
 * does not dissect (it decodes DNS, NTP, DHCP, ... by port even with -nn; we do not).
 */
final class UdpDecoder {
    private UdpDecoder() {
    }

    static Dissection decode(IpContext c) {
        Bytes b = c.bytes();
        int off = c.offset();
        if (!b.has(off, 4)) {
            return c.other(c.prefix().udpPortless(c.ip()) + " [|udp]");
        }
        String lead = c.portLead(b.u16(off), b.u16(off + 2));
        if (c.length() < 8) {
            return c.other(lead + "truncated-udp " + c.length());
        }
        if (!b.has(off + 4, 2)) {
            return c.other(lead + " [|udp]");
        }
        int ulen = b.u16(off + 4);
        if (ulen < 8) {
            return c.other(lead + "truncated-udplength " + ulen);
        }
        if (!b.has(off, 8)) {
            return c.other(lead + " [|udp]");
        }
        ulen -= 8;
        int length = Math.min(c.length() - 8, ulen);
        boolean bad = ulen > length && !c.fragmented(); // a fragment legitimately holds less than ulen
        return c.other(lead + (bad ? "UDP, bad length " + ulen + " > " + length : "UDP, length " + ulen));
    }
}
