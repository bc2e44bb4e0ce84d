package io.netcheck.command;

import java.time.Duration;

/** Bounds on what one command may ask for, so a typo (or a user) cannot turn netcheck into a scanner. */
public record Limits(int maxBackends, Duration minTimeout, Duration maxTimeout, Duration defaultTimeout,
                     int certWarnDays, Duration maxListen, Duration defaultListen, int maxPings, int maxHops) {
    public static final Limits DEFAULTS = new Limits(64, Duration.ofMillis(100), Duration.ofSeconds(30),
            Duration.ofSeconds(3));

    /** The VIP checklist's limits, with the single-probe commands' defaults. */
    public Limits(int maxBackends, Duration minTimeout, Duration maxTimeout, Duration defaultTimeout) {
        this(maxBackends, minTimeout, maxTimeout, defaultTimeout, 14, Duration.ofMinutes(5), Duration.ofSeconds(60), 20,
                30);
    }
}
