package io.netcheck.capture;

import java.net.InetAddress;

/**
 * The IP header fields netcheck reasons about.
 *
 * @param version       4 or 6
 * @param ttl           IPv4 TTL or IPv6 hop limit: tells how many hops away the sender is
 * @param protocol      IPv4 protocol / IPv6 next header after extension headers (6 TCP, 1 ICMP, 58 ICMPv6)
 * @param payloadLength bytes after the IP header(s), from the header (not the captured length)
 */
public record IpHeader(int version, InetAddress source, InetAddress destination, int ttl, int protocol,
                       int payloadLength) {
}
