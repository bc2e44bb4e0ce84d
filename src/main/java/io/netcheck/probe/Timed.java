package io.netcheck.probe;

import java.time.Duration;
import java.time.Instant;

/** A probe result with when it started and how long it took, as measured by the runner. */
public record Timed<R>(R result, Instant startedAt, Duration elapsed) {
}
