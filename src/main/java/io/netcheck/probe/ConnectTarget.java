package io.netcheck.probe;

import java.net.InetSocketAddress;

/** One address to connect to, and the route the kernel will use for it (its source address). */
public record ConnectTarget(InetSocketAddress address, Route route) {
}
