package io.netcheck.capture;

import java.util.Map;

/**
 * The text tcpdump prints for ICMP and ICMPv6 at default verbosity, after {@code "IP a > b: "}. Fields the
 * decoder could not capture (-1 words, null quote) end the text with tcpdump's truncation mark.
 */
final class IcmpText {
    static final String TRUNC4 = " [|icmp]", TRUNC6 = " [|icmp6]";

    private static final Map<Integer, String> UNREACH = Map.ofEntries(
            Map.entry(0, "net %s unreachable"), Map.entry(1, "host %s unreachable"),
            Map.entry(5, "%s unreachable - source route failed"), Map.entry(6, "net %s unreachable - unknown"),
            Map.entry(7, "host %s unreachable - unknown"), Map.entry(8, "%s unreachable - source host isolated"),
            Map.entry(9, "net %s unreachable - admin prohibited"),
            Map.entry(10, "host %s unreachable - admin prohibited"),
            Map.entry(11, "net %s unreachable - tos prohibited"),
            Map.entry(12, "host %s unreachable - tos prohibited"),
            Map.entry(13, "host %s unreachable - admin prohibited filter"),
            Map.entry(14, "host %s unreachable - host precedence violation"),
            Map.entry(15, "host %s unreachable - precedence cutoff"));

    private static final Map<Integer, String> REDIRECT = Map.of(0, "redirect %s to net %s",
            1, "redirect %s to host %s", 2, "redirect-tos %s to net %s", 3, "redirect-tos %s to host %s");

    private static final Map<Integer, String> V4_SIMPLE = Map.of(4, "source quench", 10, "router solicitation",
            15, "information request", 16, "information reply", 17, "address mask request");

    private static final Map<Integer, String> V6_TYPES = Map.ofEntries(
            Map.entry(1, "destination unreachable"), Map.entry(2, "packet too big"),
            Map.entry(3, "time exceeded in-transit"), Map.entry(4, "parameter problem"),
            Map.entry(128, "echo request"), Map.entry(129, "echo reply"),
            Map.entry(130, "multicast listener query"), Map.entry(131, "multicast listener report"),
            Map.entry(132, "multicast listener done"), Map.entry(133, "router solicitation"),
            Map.entry(134, "router advertisement"), Map.entry(135, "neighbor solicitation"),
            Map.entry(136, "neighbor advertisement"), Map.entry(137, "redirect"),
            Map.entry(138, "router renumbering"), Map.entry(139, "who-are-you request"),
            Map.entry(140, "who-are-you reply"), Map.entry(141, "inverse neighbor solicitation"),
            Map.entry(142, "inverse neighbor advertisement"), Map.entry(143, "multicast listener report v2"),
            Map.entry(144, "ha discovery request"), Map.entry(145, "ha discovery reply"),
            Map.entry(146, "mobile router solicitation"), Map.entry(147, "mobile router advertisement"),
            Map.entry(155, "RPL"), Map.entry(200, "mtrace response"), Map.entry(201, "mtrace message"));

    private static final Map<Integer, String> V6_UNREACH = Map.of(0, "unreachable route",
            1, " unreachable prohibited", // tcpdump's table has the leading space, hence ",  unreachable"
            2, "beyond scope", 3, "unreachable address", 4, "unreachable port");

    private static final Map<Integer, String> V6_PARAM = Map.of(0, "erroneous", 1, "next header", 2, "option",
            3, "incomplete header chain");

    private IcmpText() {
    }

    static String v6TypeName(int type) {
        return V6_TYPES.getOrDefault(type, "unknown icmp6 type (" + type + ")");
    }

    private static boolean hasWord(IcmpMessage m) {
        return m.echoId() >= 0 && m.echoSeq() >= 0;
    }

    private static long word(IcmpMessage m) {
        return ((long) m.echoId() << 16) | m.echoSeq();
    }

    // ---- ICMP (v4) ----

    /** @param detail the decoder's text for types the record cannot carry (see IcmpDecoder), or null */
    static String v4(IcmpMessage m, String detail) {
        String body = detail == null ? v4Body(m) : TRUNC4.equals(detail) ? null : detail;
        return body == null ? TRUNC4 : "ICMP " + body + ", length " + m.length();
    }

    /** Null when tcpdump would stop at the snap length. */
    private static String v4Body(IcmpMessage m) {
        IcmpMessage.Quoted q = m.quoted();
        String dst = q == null ? null : AddressText.of(q.destination());
        int code = m.code();
        return switch (m.type()) {
            case 0, 8 -> hasWord(m) ? (m.type() == 0 ? "echo reply" : "echo request") + ", id " + m.echoId()
                    + ", seq " + m.echoSeq() : null;
            case 3 -> q == null ? null : unreachable(m, q, dst);
            case 5 -> q == null || !hasWord(m) ? null : String.format(REDIRECT.getOrDefault(code,
                    "redirect-#" + code + " %s to %s"), dst, dotted(word(m)));
            case 9 -> hasWord(m) ? routerAdvertisement(m) : null; // without its address list
            case 11 -> q == null ? null : switch (code) {
                case 0 -> "time exceeded in-transit";
                case 1 -> "ip reassembly time exceeded";
                default -> "time exceeded-#" + code;
            };
            case 12 -> code != 0 ? "parameter problem - code " + code
                    : m.echoId() < 0 ? null : "parameter problem - octet " + (m.echoId() >> 8);
            case 13, 14 -> hasWord(m) ? "time stamp " + (m.type() == 13 ? "query" : "reply") + " id " + m.echoId()
                    + " seq " + m.echoSeq() : null; // a reply's timestamps need the frame
            case 18 -> "address mask reply"; // the mask itself needs the frame
            default -> V4_SIMPLE.getOrDefault(m.type(), "type-#" + m.type());
        };
    }

    private static String unreachable(IcmpMessage m, IcmpMessage.Quoted q, String dst) {
        int code = m.code();
        return switch (code) {
            case 2 -> dst + " protocol " + q.protocol() + " unreachable";
            case 3 -> switch (q.protocol()) {
                case 6, 17 -> q.destinationPort() < 0 ? null
                        : dst + (q.protocol() == 6 ? " tcp" : " udp") + " port " + q.destinationPort() + " unreachable";
                // tcpdump also prints the port here; Quoted keeps ports for TCP/UDP only.
                default -> dst + " protocol " + q.protocol() + " port unreachable";
            };
            case 4 -> m.echoSeq() > 0 ? dst + " unreachable - need to frag (mtu " + m.echoSeq() + ")"
                    : dst + " unreachable - need to frag";
            default -> String.format(UNREACH.getOrDefault(code, "%s unreachable - #" + code), dst);
        };
    }

    private static String routerAdvertisement(IcmpMessage m) {
        int count = m.echoId() >> 8, size = m.echoId() & 0xff;
        return "router advertisement lifetime " + lifetime(m.echoSeq()) + " " + count + ":"
                + (size != 2 ? " [size " + size + "]" : "");
    }

    static String lifetime(int seconds) {
        return seconds < 60 ? String.valueOf(seconds)
                : seconds < 3600 ? String.format("%d:%02d", seconds / 60, seconds % 60)
                : String.format("%d:%02d:%02d", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    /** ICMP timestamps are milliseconds since midnight UT; tcpdump prints them as hh:mm:ss.mmm, unbounded hours. */
    static String timestamp(long millis) {
        long ms = millis % 1000, sec = millis / 1000;
        long min = sec / 60, hours = min / 60;
        return String.format("%02d:%02d:%02d.%03d", hours, min % 60, sec % 60, ms);
    }

    private static String dotted(long word) {
        return (word >>> 24) + "." + ((word >>> 16) & 0xff) + "." + ((word >>> 8) & 0xff) + "." + (word & 0xff);
    }

    // ---- ICMPv6 ----

    /** @param detail neighbor discovery text the record has no field for, or null */
    static String v6(IcmpMessage m, String detail) {
        StringBuilder sb = new StringBuilder("ICMP6, ").append(v6TypeName(m.type()));
        IcmpMessage.Quoted q = m.quoted();
        int code = m.code();
        switch (m.type()) {
            case 1 -> {
                String codeText = V6_UNREACH.get(code);
                if (codeText == null) { // tcpdump follows this with a hex dump of the message
                    return sb.append(", unknown unreach code (").append(code).append(')').toString();
                }
                sb.append(", ").append(codeText);
                if (q == null || (code == 4 && q.destinationPort() < 0)) {
                    return sb.append(TRUNC6).toString();
                }
                String dst = AddressText.of(q.destination(), 6);
                switch (code) {
                    case 2 -> sb.append(' ').append(dst).append(", source address ")
                            .append(AddressText.of(q.source(), 6));
                    case 4 -> sb.append(", ").append(dst).append(q.protocol() == 6 ? " tcp" : " udp")
                            .append(" port ").append(q.destinationPort());
                    default -> sb.append(' ').append(dst);
                }
            }
            case 2 -> {
                if (!hasWord(m)) {
                    return sb.append(TRUNC6).toString();
                }
                sb.append(", mtu ").append(word(m));
            }
            case 3 -> {
                switch (code) {
                    case 0 -> {
                        if (q == null) {
                            return sb.append(TRUNC6).toString();
                        }
                        sb.append(" for ").append(AddressText.of(q.destination(), 6));
                    }
                    case 1 -> sb.append(" (reassembly)");
                    default -> sb.append(", unknown code (").append(code).append(')');
                }
            }
            case 4 -> {
                if (!hasWord(m) || q == null) {
                    return sb.append(TRUNC6).toString();
                }
                String what = V6_PARAM.get(code);
                sb.append(what == null ? ", code-#" + code : ", " + what + " - octet " + word(m));
            }
            case 128, 129 -> {
                if (!hasWord(m)) {
                    return sb.append(TRUNC6).toString();
                }
                sb.append(", id ").append(m.echoId()).append(", seq ").append(m.echoSeq());
            }
            case 143 -> {
                if (m.echoSeq() < 0) {
                    return sb.append(TRUNC6).toString();
                }
                sb.append(", ").append(m.echoSeq()).append(" group record(s)");
            }
            case 130, 131, 132, 135, 136, 137 -> {
                if (detail != null) {
                    sb.append(detail);
                    if (detail.endsWith(TRUNC6)) {
                        return sb.toString();
                    }
                }
            }
            default -> {
                // Router solicitation/advertisement print nothing more at default verbosity; unknown
                // types get a hex dump after the length, which is left out here.
            }
        }
        return sb.append(", length ").append(m.length()).toString();
    }
}
