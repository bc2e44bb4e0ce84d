package io.netcheck.check;

import io.netcheck.check.CaptureSummary;
import java.time.Duration;
import java.time.Instant;

/** Everything one telnet test learnt. */
public record TcpEvidence(TcpRequest request, Instant startedAt, Duration elapsed, ConnectAttempt attempt,
                          CaptureSummary capture) {
    public TcpState state() {
        return attempt.state();
    }
}
