package io.netcheck.capture;

/**
 * One IPv6 extension header as tcpdump shows it at default verbosity.
 *
 * @param length bytes to skip to the next header, or -1 when decoding stops here
 * @param text   what tcpdump prints for it ({@code "HBH "}, {@code "frag (0|1232) "}, {@code "RT6 (...) "}), or
 *               when decoding stops, its last words ({@code " [|hbhopt]"}, {@code "frag (8|20)"})
 */
record Ipv6Extension(int length, String text) {
    static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, DESTINATION = 60;

    /** tcpdump's name for the header in its truncation marks. */
    static String protocolName(int type) {
        return switch (type) {
            case HOP_BY_HOP -> "hbhopt";
            case DESTINATION -> "dstopt";
            case FRAGMENT -> "frag6";
            default -> "rt6";
        };
    }

    private static Ipv6Extension stop(CharSequence text) {
        return new Ipv6Extension(-1, text.toString());
    }

    /** @param payload IPv6 payload bytes left from {@code pos} on, per the header */
    static Ipv6Extension read(Bytes b, int pos, int type, int payload) {
        return switch (type) {
            case HOP_BY_HOP -> options(b, pos, "HBH ", " [|hbhopt]", true);
            case DESTINATION -> options(b, pos, "DSTOPT ", " [|dstopt]", false);
            case FRAGMENT -> fragment(b, pos, payload);
            case ROUTING -> routing(b, pos);
            default -> throw new IllegalArgumentException("not an extension header: " + type);
        };
    }

    /**
     * Option headers are only named (their options print with -v), but must be captured whole. tcpdump walks
     * hop-by-hop options anyway (looking for a jumbo payload) and gives up on a malformed one.
     */
    private static Ipv6Extension options(Bytes b, int pos, String name, String truncated, boolean walk) {
        if (!b.has(pos, 2)) {
            return stop(truncated);
        }
        int length = (b.u8(pos + 1) + 1) * 8;
        if (!b.has(pos, length)) {
            return stop(truncated);
        }
        String problem = walk ? optionProblem(b, pos + 2, length - 2) : null;
        return problem == null ? new Ipv6Extension(length, name) : stop(name + problem + truncated);
    }

    /** Null when the options are well formed, else what tcpdump says before giving up (often nothing). */
    private static String optionProblem(Bytes b, int start, int len) {
        for (int i = 0, optLen; i < len; i += optLen) {
            int type = b.u8(start + i);
            if (type == 0) { // Pad1
                optLen = 1;
                continue;
            }
            if (i + 1 >= len) {
                return "";
            }
            optLen = b.u8(start + i + 1) + 2;
            if (i + optLen > len) {
                return "";
            }
            if (type == 5 && optLen != 4) { // router alert carries exactly two bytes
                return "(rtalert: invalid len " + (optLen - 2) + ")";
            }
            if (type == 0xc2 && optLen != 6) { // jumbo payload carries exactly four bytes
                return "(jumbo: invalid len " + (optLen - 2) + ")";
            }
        }
        return null;
    }

    /** Offset and the bytes after this header; a later fragment holds no header to decode. */
    private static Ipv6Extension fragment(Bytes b, int pos, int payload) {
        if (!b.has(pos, 4)) {
            return stop(" [|frag6]");
        }
        int offset = b.u16(pos + 2) & 0xfff8;
        // tcpdump computes the size in 64-bit unsigned arithmetic, so a bogus payload length wraps there.
        String text = "frag (" + offset + "|" + Long.toUnsignedString(payload - 8L) + ")";
        return offset != 0 ? stop(text) : new Ipv6Extension(8, text + " ");
    }

    /** Types 0 and 2 list addresses, type 4 (segment routing) its segments; tcpdump rejects other types. */
    private static Ipv6Extension routing(Bytes b, int pos) {
        if (!b.has(pos, 1)) {
            return stop(" [|ip6]");
        }
        StringBuilder sb = new StringBuilder("RT6");
        if (!b.has(pos + 1, 1)) {
            return truncated(sb);
        }
        int len = b.u8(pos + 1);
        sb.append(" (len=").append(len);
        if (!b.has(pos + 2, 1)) {
            return truncated(sb);
        }
        int type = b.u8(pos + 2);
        sb.append(", type=").append(type).append(type == 0 ? " [Deprecated]" : "");
        if (!b.has(pos + 3, 1)) {
            return truncated(sb);
        }
        sb.append(", segleft=").append(b.u8(pos + 3));
        int addresses;
        switch (type) {
            case 0, 2 -> {
                if (!b.has(pos + 4, 4)) {
                    return truncated(sb);
                }
                if (b.u32(pos + 4) != 0) {
                    sb.append(", rsv=0x").append(Long.toHexString(b.u32(pos + 4)));
                }
                if (len % 2 == 1) {
                    return stop(sb.append(" (invalid length ").append(len).append(") (invalid)"));
                }
                addresses = len / 2;
            }
            case 4 -> {
                if (!b.has(pos + 4, 1)) {
                    return truncated(sb);
                }
                int last = b.u8(pos + 4);
                sb.append(", last-entry=").append(last);
                if (!b.has(pos + 5, 1)) {
                    return truncated(sb);
                }
                if (b.u8(pos + 5) != 0) {
                    sb.append(", flags=0x").append(Integer.toHexString(b.u8(pos + 5)));
                }
                if (!b.has(pos + 6, 2)) {
                    return truncated(sb);
                }
                sb.append(", tag=").append(Integer.toHexString(b.u16(pos + 6)));
                addresses = last + 1;
            }
            default -> {
                return stop(sb.append(" (unknown type) (invalid)"));
            }
        }
        for (int i = 0; i < addresses; i++) {
            int at = pos + 8 + 16 * i;
            if (!b.has(at, 16)) {
                return truncated(sb);
            }
            sb.append(", [").append(i).append(']').append(AddressText.ipv6(b.slice(at, 16)));
        }
        return new Ipv6Extension((len + 1) * 8, sb.append(") ").toString());
    }

    private static Ipv6Extension truncated(StringBuilder sb) {
        return stop(sb.append(" [|rt6]"));
    }
}
