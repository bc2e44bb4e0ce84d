package io.netcheck.probe.raw;

/** One TTL: the ICMP echo's answer and the TCP SYN's answer (null: not sent, or silence). */
public record TraceHop(int ttl, boolean icmpSent, HopAnswer icmp, boolean tcpSent, HopAnswer tcp) {
}
