package io.netcheck.check;

import java.time.Duration;

/**
 * curl's timing phases for one request, each its own duration (not cumulative); null when the phase did
 * not happen.
 *
 * @param firstByte from the request sent to the first response byte (the server's think time)
 * @param transfer  from the first response byte to the end of the body
 */
public record HttpTimings(Duration resolve, Duration connect, Duration tls, Duration firstByte, Duration transfer,
                          Duration total) {
}
