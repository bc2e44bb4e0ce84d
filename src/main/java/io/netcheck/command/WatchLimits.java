package io.netcheck.command;

import java.time.Duration;

/** Bounds on watch and summary commands, from configuration. */
public record WatchLimits(Duration defaultEvery, Duration minEvery, Duration maxEvery, Duration minSummaryGap) {
    public static final WatchLimits DEFAULTS = new WatchLimits(Duration.ofMinutes(5), Duration.ofMinutes(1),
            Duration.ofHours(24), Duration.ofHours(1));
}
