package io.netcheck.capture;

/**
 * Text tcpdump prints around the addresses that the decoded records have no field for.
 *
 * @param link        Linux SLL2 interface and direction ({@code "lo    In  "}), else empty
 * @param ipNote      tcpdump's complaint that the frame is shorter than its IP header says
 *                    ({@code "truncated-ip - 40 bytes missing! "}), else empty
 * @param ipv6Headers IPv6 extension headers named before the transport ({@code "HBH "}), else empty
 */
record LinePrefix(String link, String ipNote, String ipv6Headers) {
    static final LinePrefix NONE = new LinePrefix("", "", "");

    LinePrefix withIpv6Headers(String headers) {
        return new LinePrefix(link, ipNote, headers);
    }

    private String start(IpHeader ip) {
        return link + (ip.version() == 4 ? "IP " : "IP6 ") + ipNote;
    }

    private static String src(IpHeader ip) {
        return AddressText.of(ip.source(), ip.version());
    }

    private static String dst(IpHeader ip) {
        return AddressText.of(ip.destination(), ip.version());
    }

    /** {@code "IP a > b: "} plus any IPv6 extension header names: how non-port protocols start. */
    String addresses(IpHeader ip) {
        return start(ip) + src(ip) + " > " + dst(ip) + ": " + ipv6Headers;
    }

    /**
     * How TCP/UDP lines start: {@code "IP a.1 > b.2: "}; after IPv6 extension headers tcpdump has already
     * printed the addresses, so it is {@code "IP6 a > b: HBH 1 > 2: "}.
     */
    String ports(IpHeader ip, int sport, int dport) {
        if (ipv6Headers.isEmpty()) {
            return start(ip) + src(ip) + "." + sport + " > " + dst(ip) + "." + dport + ": ";
        }
        return addresses(ip) + sport + " > " + dport + ": ";
    }

    /** UDP's lead when its ports were not captured: addresses only, and nothing after extension headers. */
    String udpPortless(IpHeader ip) {
        return ipv6Headers.isEmpty() ? start(ip) + src(ip) + " > " + dst(ip) + ": " : addresses(ip);
    }

    /** TCP's lead when its ports were not captured: {@code "IP a > b:"}. */
    String portless(IpHeader ip) {
        return (ipv6Headers.isEmpty() ? start(ip) : addresses(ip)) + src(ip) + " > " + dst(ip) + ":";
    }
}
