package io.netcheck.check;

import io.netcheck.check.HostPort;
import io.netcheck.probe.Route;
import io.netcheck.probe.dns.Resolution;
import java.net.InetSocketAddress;

/**
 * A target after resolution and route lookup: ready to probe, or with the reason it cannot be.
 *
 * @param address null when resolution failed
 * @param route   null when resolution failed or this host has no route
 * @param problem why the target cannot be probed, null when it can
 */
public record Target(HostPort hostPort, Resolution resolution, InetSocketAddress address, Route route,
                     String problem) {
    public boolean probeable() {
        return route != null;
    }
}
