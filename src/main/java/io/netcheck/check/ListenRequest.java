package io.netcheck.check;

import java.time.Duration;

/** {@code listen PORT [--for 60s]}: the nc -l test. */
public record ListenRequest(int port, Duration duration) {
}
