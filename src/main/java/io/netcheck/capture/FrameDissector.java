package io.netcheck.capture;

import java.net.NetworkInterface;
import java.time.Instant;

/**
 * Link and IP layers: strips the link header (Ethernet with VLAN tags, raw IP, Linux SLL/SLL2), decodes
 * IPv4/IPv6 (skipping IPv6 extension headers) and hands the payload to the transport decoders. Every
 * length is checked against the captured bytes; anything tcpdump would not decode becomes an
 * {@link OtherPacket} carrying tcpdump's own text for it.
 */
final class FrameDissector {
    static final int LINKTYPE_ETHERNET = 1, LINKTYPE_DLT_RAW = 12, LINKTYPE_RAW = 101, LINKTYPE_LINUX_SLL = 113,
            LINKTYPE_LINUX_SLL2 = 276;

    private FrameDissector() {
    }

    static Dissection dissect(CapturedFrame frame) {
        try {
            return link(frame.timestamp(), frame.linkType(), new Bytes(frame.rawData()), frame.originalLength());
        } catch (RuntimeException e) {
            // Every read is bounds-checked; this only keeps the "never throws" promise if one was missed.
            return Dissection.of(new OtherPacket(frame.timestamp(), null, "[|malformed: " + e + "]"));
        }
    }

    private static Dissection link(Instant ts, int linkType, Bytes b, int wire) {
        return switch (linkType) {
            case LINKTYPE_ETHERNET -> ethernet(ts, b, wire);
            case LINKTYPE_RAW, LINKTYPE_DLT_RAW -> rawIp(ts, b, wire);
            case LINKTYPE_LINUX_SLL -> sll(ts, b, wire);
            case LINKTYPE_LINUX_SLL2 -> sll2(ts, b, wire);
            default -> other(ts, "unsupported link type " + linkType);
        };
    }

    private static Dissection ethernet(Instant ts, Bytes b, int wire) {
        if (!b.has(0, 14)) {
            return other(ts, " [|ether]");
        }
        int off = 12;
        int type = b.u16(off);
        while (isVlan(type)) { // 802.1Q / 802.1ad tags; tcpdump shows them only with -e
            if (!b.has(off + 2, 4)) {
                return other(ts, " [|vlan]");
            }
            off += 4;
            type = b.u16(off);
        }
        off += 2;
        String macs = b.mac(6) + " > " + b.mac(0);
        if (type < 0x0600) {
            return other(ts, macs + ", 802.3, length " + type);
        }
        return network(ts, type, b, off, wire - off, "", macs + ", ");
    }

    private static boolean isVlan(int type) {
        return type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200;
    }

    private static Dissection rawIp(Instant ts, Bytes b, int wire) {
        if (!b.has(0, 1)) {
            return other(ts, " [|ip]");
        }
        int version = b.u8(0) >>> 4;
        return switch (version) {
            case 4 -> ipv4(ts, b, 0, wire, "");
            case 6 -> ipv6(ts, b, 0, wire, "");
            default -> other(ts, "unknown ip " + version);
        };
    }

    /** Linux cooked v1: 16-byte header ending in the protocol; tcpdump prints nothing of it without -e. */
    private static Dissection sll(Instant ts, Bytes b, int wire) {
        if (!b.has(0, 16)) {
            return other(ts, " [|sll]");
        }
        int off = 14;
        int type = b.u16(off);
        while (isVlan(type)) {
            if (!b.has(off + 2, 4)) {
                return other(ts, " [|vlan]");
            }
            off += 4;
            type = b.u16(off);
        }
        off += 2;
        return network(ts, type, b, off, wire - off, "", "");
    }

    /**
     * Linux cooked v2: tcpdump names the interface (looked up by index on the reading host, as we do) and
     * the direction before the packet.
     */
    private static Dissection sll2(Instant ts, Bytes b, int wire) {
        if (!b.has(0, 20)) {
            return other(ts, " [|sll2]");
        }
        String prefix = String.format("%-5s %-3s ", interfaceName((int) b.u32(4)), switch (b.u8(10)) {
            case 0 -> "In";
            case 1 -> "B";
            case 2 -> "M";
            case 3 -> "P";
            case 4 -> "Out";
            default -> "?";
        });
        return network(ts, b.u16(0), b, 20, wire - 20, prefix, "");
    }

    private static String interfaceName(int index) {
        try {
            NetworkInterface nif = NetworkInterface.getByIndex(index);
            return nif == null ? "?" : nif.getName();
        } catch (Exception e) {
            return "?";
        }
    }

    /** @param macs {@code "src > dst, "} for Ethernet, printed by tcpdump only for types it cannot decode */
    private static Dissection network(Instant ts, int type, Bytes b, int off, int length, String prefix,
                                      String macs) {
        return switch (type) {
            case 0x0800 -> ipv4(ts, b, off, length, prefix);
            case 0x86dd -> ipv6(ts, b, off, length, prefix);
            case 0x0806 -> ArpDecoder.decode(ts, b, off, length, prefix);
            default -> other(ts, prefix + macs + "ethertype Unknown (0x" + String.format("%04x", type)
                    + "), length " + (off + length) + ": ");
        };
    }

    private static Dissection ipv4(Instant ts, Bytes b, int off, int wire, String link) {
        if (!b.has(off, 1)) {
            return other(ts, link + " [|ip]");
        }
        int version = b.u8(off) >>> 4;
        if (version != 4) {
            return other(ts, link + (version == 6 ? "IP6, wrong link-layer encapsulation (invalid)"
                    : "IP" + version + " (invalid)"));
        }
        if (!b.has(off, 20)) {
            return other(ts, link + "IP  [|ip]");
        }
        int hlen = (b.u8(off) & 0x0f) * 4;
        if (hlen < 20) {
            return other(ts, link + "IP bad-hlen " + hlen);
        }
        int total = b.u16(off + 2);
        String note = wire < total ? "truncated-ip - " + (total - wire) + " bytes missing! " : "";
        if (total < hlen) {
            return other(ts, link + "IP " + note + "bad-len " + total);
        }
        int protocol = b.u8(off + 9);
        IpHeader ip = new IpHeader(4, b.address(off + 12, 4), b.address(off + 16, 4), b.u8(off + 8), protocol,
                total - hlen, b.u16(off + 4));
        // The datagram ends where its header says: bytes beyond are link padding, not payload.
        IpContext c = new IpContext(ts, ip, b.limit(off + total), off + hlen, total - hlen,
                new LinePrefix(link, note, ""), (b.u16(off + 6) & 0x2000) != 0);
        if ((b.u16(off + 6) & 0x1fff) != 0) { // later fragment: no transport header to decode
            return c.other(c.addressLead() + "ip-proto-" + protocol);
        }
        if (!b.has(off, hlen)) { // IP options cut by the snap length
            boolean printsOwnAddresses = protocol == 6 || protocol == 17 || protocol == 33 || protocol == 132;
            return c.other((printsOwnAddresses ? link + "IP " + note : c.addressLead()) + " [remaining caplen("
                    + c.bytes().available(off) + ") < header length(" + hlen + ")] [|ip]");
        }
        return transport(c, protocol);
    }

    private static Dissection ipv6(Instant ts, Bytes b, int off, int wire, String link) {
        if (!b.has(off, 40)) {
            return other(ts, link + " [|ip6]");
        }
        int version = b.u8(off) >>> 4;
        if (version != 6) {
            return other(ts, link + "IP6 version error: " + version + " != 6");
        }
        int payload = b.u16(off + 4);
        String note = wire < 40 + payload ? "truncated-ip6 - " + (40 + payload - wire) + " bytes missing!" : "";
        int nh = b.u8(off + 6);
        Bytes lim = b.limit(off + 40 + payload);
        IpHeader base = new IpHeader(6, b.address(off + 8, 16), b.address(off + 24, 16), b.u8(off + 7), nh, payload);
        LinePrefix prefix = new LinePrefix(link, note, "");
        int pos = off + 40;
        boolean seenHopByHop = false, fragmented = false;
        // Skip hop-by-hop, routing, fragment and destination options headers; tcpdump names each one.
        while (nh == 0 || nh == 43 || nh == 44 || nh == 60) {
            IpContext sofar = new IpContext(ts, base, lim, pos, payload, prefix, fragmented);
            if (nh == 0 && pos != off + 40) { // only valid straight after the fixed header
                return sofar.other(sofar.addressLead() + "[The Hop-by-Hop Options header "
                        + (seenHopByHop ? "was already found" : "don't follow the IPv6 header") + "] (invalid)");
            }
            Ipv6Extension ext = Ipv6Extension.read(lim, pos, nh, payload);
            if (ext.length() < 0) {
                return sofar.other(sofar.addressLead() + ext.text());
            }
            if (nh == Ipv6Extension.FRAGMENT && !lim.has(pos + 8, 1)) { // tcpdump stops quietly here
                return sofar.other(sofar.addressLead() + ext.text());
            }
            if (ext.length() > payload) { // the header says the payload ends inside this extension header
                return sofar.other(sofar.addressLead() + ext.text() + " [|" + Ipv6Extension.protocolName(nh) + "]");
            }
            prefix = prefix.withIpv6Headers(prefix.ipv6Headers() + ext.text());
            seenHopByHop |= nh == Ipv6Extension.HOP_BY_HOP;
            fragmented |= nh == Ipv6Extension.FRAGMENT;
            nh = lim.u8(pos);
            pos += ext.length();
            payload -= ext.length();
        }
        IpHeader ip = new IpHeader(6, base.source(), base.destination(), base.ttl(), nh, payload);
        return transport(new IpContext(ts, ip, lim, pos, payload, prefix, fragmented), nh);
    }

    private static Dissection transport(IpContext c, int protocol) {
        boolean v4 = c.ip().version() == 4;
        return switch (protocol) {
            case 6 -> TcpDecoder.decode(c);
            case 1 -> v4 ? IcmpDecoder.decodeV4(c) : c.other(c.addressLead() + "[ICMP requires IPv4] (invalid)");
            case 58 -> v4 ? c.other(c.addressLead() + "[ICMPv6 requires IPv6] (invalid)") : IcmpDecoder.decodeV6(c);
            case 17 -> UdpDecoder.decode(c);
            case 2 -> v4 ? unknown(c, protocol) : c.other(c.addressLead() + "[IGMP requires IPv4] (invalid)");
            // IP in IP: tcpdump prints the outer addresses, then the inner packet as usual.
            case 4 -> ipv4(c.timestamp(), c.bytes(), c.offset(), c.length(), c.addressLead());
            case 41 -> ipv6(c.timestamp(), c.bytes(), c.offset(), c.length(), c.addressLead());
            case 59 -> c.other(c.addressLead() + "no next header");
            default -> unknown(c, protocol);
        };
    }

    private static Dissection unknown(IpContext c, int protocol) {
        return c.other(c.addressLead() + " ip-proto-" + protocol + " " + c.length());
    }

    private static Dissection other(Instant ts, String summary) {
        return Dissection.of(new OtherPacket(ts, null, summary));
    }
}
