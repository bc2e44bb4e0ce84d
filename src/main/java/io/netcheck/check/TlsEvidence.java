package io.netcheck.check;

import io.netcheck.check.CaptureSummary;
import java.time.Duration;
import java.time.Instant;

/** Everything one {@code tls} run learnt: the connect and, when it connected, the handshake. */
public record TlsEvidence(TlsRequest request, Instant startedAt, Duration elapsed, ConnectAttempt attempt,
                          TlsObservation handshake, CaptureSummary capture) {
    /** The connect attempt when it failed (the connect rules judge it), null when connected. */
    public ConnectAttempt failedConnect() {
        return attempt.connected() ? null : attempt;
    }
}
