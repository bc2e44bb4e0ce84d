package io.netcheck.capture;

import java.net.InetAddress;

/**
 * The IP header fields netcheck reasons about.
 *
 * @param version       4 or 6
 * @param ttl           IPv4 TTL or IPv6 hop limit: tells how many hops away the sender is
 * @param protocol      IPv4 protocol / IPv6 next header after extension headers (6 TCP, 1 ICMP, 58 ICMPv6)
 * @param payloadLength bytes after the IP header(s), from the header (not the captured length)
 * @param id            IPv4 identification field, -1 for IPv6: with the TTL, a fingerprint of the sending stack
 */
public record IpHeader(int version, InetAddress source, InetAddress destination, int ttl, int protocol,
                       int payloadLength, int id) {
    public IpHeader(int version, InetAddress source, InetAddress destination, int ttl, int protocol,
                    int payloadLength) {
        this(version, source, destination, ttl, protocol, payloadLength, -1);
    }
}
