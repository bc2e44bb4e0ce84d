package io.netcheck.check;

import java.util.List;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * {@code dns NAME [TYPE] [@SERVER] [--expect ADDR]}.
 *
 * @param name   as typed: a DNS name, or an IP address for PTR
 * @param type   A, AAAA, CNAME, MX, TXT, NS, SOA, SRV or PTR
 * @param server a resolver to ask besides the system's, null for the system's only
 * @param expect the address the name should resolve to, null when none is expected
 */
public record DnsRequest(String name, String type, InetSocketAddress server, InetAddress expect, Duration timeout) {
    public static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "MX", "TXT", "NS",
            "SOA", "SRV", "PTR");
}
