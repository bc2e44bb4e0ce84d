package io.netcheck.probe.dns;

import java.net.InetSocketAddress;

/** One question to one DNS server, as {@code dig @server name type} asks it (recursion desired). */
public record DnsQuery(String name, String type, InetSocketAddress server) {
}
