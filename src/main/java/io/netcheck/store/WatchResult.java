package io.netcheck.store;

import java.time.Instant;

/**
 * One finished run of a watch, as kept in the history.
 *
 * @param cause    the verdict's cause ({@code HEALTHY}, {@code BACKENDS_DOWN}, ...)
 * @param team     the owning team's key, or null when healthy
 * @param headline the verdict's one-line summary
 */
public record WatchResult(Instant at, boolean healthy, String cause, String team, String headline, long elapsedMillis) {
}
