package io.netcheck.capture;

import java.net.InetAddress;

/**
 * An ICMP error caused by a probe, and who sent it.
 *
 * @param fromTarget true when the sender is the probed address itself rather than a router or firewall
 */
public record IcmpError(InetAddress from, int ttl, int ipVersion, int type, int code, IcmpKind kind,
                        boolean fromTarget) {
    public int hops() {
        return Hops.fromTtl(ttl);
    }
}
