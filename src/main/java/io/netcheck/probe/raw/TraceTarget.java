package io.netcheck.probe.raw;

import io.netcheck.probe.Route;
import java.time.Duration;

/**
 * @param port        the service port the TCP SYNs go to
 * @param hopWait     how long to wait for each TTL's answers
 * @param silentLimit a protocol stops after this many silent hops in a row: the path ends there
 */
public record TraceTarget(Route route, int port, int maxHops, Duration hopWait, int silentLimit) {
}
