package io.netcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the temporary listener saw.
 *
 * @param problem    why it could not listen (port in use), null when it did
 * @param holder     who holds the port when it is in use, null otherwise
 * @param truncated  more connections arrived than were recorded
 */
public record ListenEvidence(ListenRequest request, String host, Instant startedAt, Duration elapsed, String bound,
                             List<Arrival> arrivals, boolean truncated, String problem, String holder) {
    public ListenEvidence {
        arrivals = List.copyOf(arrivals);
    }
}
