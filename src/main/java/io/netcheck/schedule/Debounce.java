package io.netcheck.schedule;

import io.netcheck.store.Health;
import io.netcheck.store.WatchState;
import java.time.Instant;

/**
 * A watch changes state only after {@code confirm} results in a row agree, so one lost SYN or a flapping
 * target does not page anyone. Pure: the runner stores what this returns.
 */
public final class Debounce {
    private Debounce() {
    }

    public enum Change {
        /** Nothing to tell anyone. */
        NONE,
        /** The first confirmed state of a new watch is healthy: no news. */
        FIRST_HEALTHY,
        /** Confirmed unhealthy (from healthy, or a new watch that starts broken): announce the outage. */
        DOWN,
        /** Confirmed healthy after an outage: reply in the outage's threads. */
        RECOVERED
    }

    public record Outcome(WatchState state, Change change, Health from) {
    }

    public static Outcome apply(WatchState s, boolean healthy, Instant at, int confirm) {
        Health observed = Health.of(healthy);
        if (observed == s.state()) {
            return new Outcome(new WatchState(s.state(), s.since(), null, 0, null, s.alertThreads(), s.outageSince()),
                    Change.NONE, s.state());
        }
        boolean continuing = s.pending() == observed;
        int count = continuing ? s.pendingCount() + 1 : 1;
        Instant streakSince = continuing && s.pendingSince() != null ? s.pendingSince() : at;
        if (count < Math.max(1, confirm)) {
            return new Outcome(new WatchState(s.state(), s.since(), observed, count, streakSince, s.alertThreads(),
                    s.outageSince()), Change.NONE, s.state());
        }
        // Confirmed: the new state began with the first result of the streak.
        if (observed == Health.UNHEALTHY) {
            return new Outcome(new WatchState(Health.UNHEALTHY, streakSince, null, 0, null, null, streakSince),
                    Change.DOWN, s.state());
        }
        Change change = s.state() == Health.UNKNOWN ? Change.FIRST_HEALTHY : Change.RECOVERED;
        // Keep the outage's threads and start until the recovery has been posted there.
        return new Outcome(new WatchState(Health.HEALTHY, streakSince, null, 0, null, s.alertThreads(),
                change == Change.RECOVERED ? s.outageSince() : null), change, s.state());
    }
}
