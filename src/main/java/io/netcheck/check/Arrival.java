package io.netcheck.check;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One connection that reached the temporary listener.
 *
 * @param local   the address it arrived on (which of this host's addresses the client used)
 * @param firstBytes what the client sent first, printable characters only (e.g. "hello from client"), "" if nothing
 */
public record Arrival(Instant at, InetSocketAddress from, InetSocketAddress local, String firstBytes) {
}
