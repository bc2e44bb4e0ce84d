package io.netcheck.command;

import java.time.Duration;

/** Bounds on what one command may ask for, so a typo (or a user) cannot turn netcheck into a scanner. */
public record Limits(int maxBackends, Duration minTimeout, Duration maxTimeout, Duration defaultTimeout) {
    public static final Limits DEFAULTS = new Limits(64, Duration.ofMillis(100), Duration.ofSeconds(30),
            Duration.ofSeconds(3));
}
