package io.netcheck.check;

import io.netcheck.check.HostPort;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code trace HOST[:PORT] [--max-hops 30] [--timeout 1s]}.
 *
 * @param target  the port is the service port the TCP SYNs go to (80 when none was given)
 * @param hopWait how long to wait for each hop's answers
 */
public record TraceRequest(HostPort target, boolean portGiven, int maxHops, Duration hopWait, Path pcapFile) {
    /** A protocol's probes stop after this many silent hops in a row. */
    public static final int SILENT_LIMIT = 3;
}
