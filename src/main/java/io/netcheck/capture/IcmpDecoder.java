package io.netcheck.capture;

/**
 * Decodes ICMP and ICMPv6. {@code echoId}/{@code echoSeq} hold the two 16-bit halves of the ICMP header's
 * second word for every type (echo id/seq, but also the MTU, pointer or gateway tcpdump prints for other
 * types), or -1 when not captured. For errors the quoted IP header (and TCP/UDP ports) become
 * {@link IcmpMessage.Quoted}; null when the quote was not captured far enough to name its addresses.
 */
final class IcmpDecoder {
    private IcmpDecoder() {
    }

    static Dissection decodeV4(IpContext c) {
        Bytes b = c.bytes();
        int off = c.offset();
        if (!b.has(off, 2)) {
            return c.other(c.addressLead() + " [|icmp]");
        }
        int type = b.u8(off);
        IcmpMessage.Quoted quoted = null;
        if (type == 3 || type == 4 || type == 5 || type == 11 || type == 12) {
            quoted = quotedV4(b, off + 8);
        }
        return c.with(message(c, quoted), "", v4Detail(b, off, type), -1);
    }

    /**
     * The whole ICMP text for the types whose data the record cannot carry (router advertisement entries,
     * timestamps, address mask), or {@link IcmpText#TRUNC4} when tcpdump would stop; null for other types.
     */
    private static String v4Detail(Bytes b, int off, int type) {
        return switch (type) {
            case 3 -> portUnreachableOther(b, off);
            case 9 -> routerAdvertisement(b, off);
            case 14 -> !b.has(off + 16, 4) ? IcmpText.TRUNC4 : "time stamp reply id " + b.u16(off + 4) + " seq "
                    + b.u16(off + 6) + ": org " + IcmpText.timestamp(b.u32(off + 8)) + ", recv "
                    + IcmpText.timestamp(b.u32(off + 12)) + ", xmit " + IcmpText.timestamp(b.u32(off + 16));
            case 18 -> !b.has(off + 8, 4) ? IcmpText.TRUNC4
                    : "address mask is 0x" + String.format("%08x", b.u32(off + 8));
            default -> null;
        };
    }

    /** Port unreachable quoting neither TCP nor UDP: tcpdump still prints the port, Quoted has none. */
    private static String portUnreachableOther(Bytes b, int off) {
        int q = off + 8;
        if (b.u8(off + 1) != 3 || !b.has(q, 20)) {
            return null;
        }
        int protocol = b.u8(q + 9);
        int hlen = (b.u8(q) & 0x0f) * 4;
        if (protocol == 6 || protocol == 17) {
            return null;
        }
        if (!b.has(q + hlen, 4)) {
            return IcmpText.TRUNC4;
        }
        return AddressText.of(b.address(q + 16, 4)) + " protocol " + protocol + " port " + b.u16(q + hlen + 2)
                + " unreachable";
    }

    private static String routerAdvertisement(Bytes b, int off) {
        if (!b.has(off + 4, 4)) {
            return IcmpText.TRUNC4;
        }
        int count = b.u8(off + 4), size = b.u8(off + 5), lifetime = b.u16(off + 6);
        StringBuilder sb = new StringBuilder("router advertisement lifetime ")
                .append(IcmpText.lifetime(lifetime)).append(' ').append(count).append(':');
        if (size != 2) {
            return sb.append(" [size ").append(size).append(']').toString();
        }
        for (int i = 0, at = off + 8; i < count; i++, at += 8) {
            if (!b.has(at, 8)) {
                return IcmpText.TRUNC4;
            }
            sb.append(" {").append(AddressText.of(b.address(at, 4))).append(' ').append(b.u32(at + 4)).append('}');
        }
        // tcpdump builds this text in a 164-byte buffer, so long address lists are cut mid-entry.
        return sb.length() > 163 ? sb.substring(0, 163) : sb.toString();
    }

    static Dissection decodeV6(IpContext c) {
        Bytes b = c.bytes();
        int off = c.offset();
        if (c.length() == 0) {
            return c.other(c.addressLead() + "ICMP6, length 0 (invalid)");
        }
        if (!b.has(off, 2)) {
            String name = b.has(off, 1) ? "ICMP6, " + IcmpText.v6TypeName(b.u8(off)) : "";
            return c.other(c.addressLead() + name + " [|icmp6]");
        }
        int type = b.u8(off);
        IcmpMessage.Quoted quoted = type >= 1 && type <= 4 ? quotedV6(b, off + 8) : null;
        IcmpMessage message = message(c, quoted);
        return c.with(message, "", v6Detail(b, off, type, c.length()), -1);
    }

    private static IcmpMessage message(IpContext c, IcmpMessage.Quoted quoted) {
        Bytes b = c.bytes();
        int off = c.offset();
        int word1 = b.has(off + 4, 2) ? b.u16(off + 4) : -1;
        int word2 = b.has(off + 6, 2) ? b.u16(off + 6) : -1;
        return new IcmpMessage(c.timestamp(), c.ip(), b.u8(off), b.u8(off + 1), c.length(), quoted, word1, word2);
    }

    private static IcmpMessage.Quoted quotedV4(Bytes b, int q) {
        if (!b.has(q, 20)) {
            return null;
        }
        int hlen = (b.u8(q) & 0x0f) * 4; // taken as is, like tcpdump, even when nonsensical
        int protocol = b.u8(q + 9);
        int sport = -1, dport = -1;
        if ((protocol == 6 || protocol == 17) && b.has(q + hlen, 4)) {
            sport = b.u16(q + hlen);
            dport = b.u16(q + hlen + 2);
        }
        return new IcmpMessage.Quoted(b.address(q + 12, 4), b.address(q + 16, 4), protocol, sport, dport);
    }

    private static IcmpMessage.Quoted quotedV6(Bytes b, int q) {
        if (!b.has(q, 40)) {
            return null;
        }
        int nh = b.u8(q + 6);
        int at = q + 40;
        // Walk the quoted extension headers the way tcpdump's ICMPv6 printer does to find the ports.
        for (int guard = 0; guard < 64; guard++) {
            int hlen;
            if (nh == 0 || nh == 43 || nh == 60) {
                if (!b.has(at, 2)) {
                    break;
                }
                hlen = (b.u8(at + 1) + 1) * 8;
            } else if (nh == 44) {
                if (!b.has(at, 4) || (b.u16(at + 2) & 0xfff8) != 0) {
                    break;
                }
                hlen = 8;
            } else if (nh == 51) {
                if (!b.has(at, 2)) {
                    break;
                }
                hlen = (b.u8(at + 1) + 2) * 4;
            } else {
                break;
            }
            nh = b.u8(at);
            at += hlen;
        }
        int sport = -1, dport = -1;
        if ((nh == 6 || nh == 17) && b.has(at, 4)) {
            sport = b.u16(at);
            dport = b.u16(at + 2);
        }
        return new IcmpMessage.Quoted(b.address(q + 8, 16), b.address(q + 24, 16), nh, sport, dport);
    }

    /** Neighbor discovery and MLD name addresses that IcmpMessage has no room for. */
    private static String v6Detail(Bytes b, int off, int type, int length) {
        return switch (type) {
            // tcpdump skips the MLD fields silently when they were not captured
            case 130, 131, 132 -> type == 130 && length != 24 ? null
                    : b.has(off + 8, 16) ? "max resp delay: " + b.u16(off + 4) + " addr: "
                    + AddressText.ipv6(b.slice(off + 8, 16)) : "";
            case 135 -> b.has(off + 8, 16) ? ", who has " + AddressText.ipv6(b.slice(off + 8, 16)) : " [|icmp6]";
            case 136 -> b.has(off + 8, 16) ? ", tgt is " + AddressText.ipv6(b.slice(off + 8, 16)) : " [|icmp6]";
            case 137 -> b.has(off + 8, 32) ? ", " + AddressText.ipv6(b.slice(off + 24, 16)) + " to "
                    + AddressText.ipv6(b.slice(off + 8, 16)) : " [|icmp6]";
            default -> null;
        };
    }
}
