package io.netcheck.store;

import java.time.Instant;

/**
 * Where a watch stands: its confirmed state and the streak of results that may change it.
 *
 * @param since        when the confirmed state began (the first result of the streak that confirmed it)
 * @param pending      the state recent results disagree towards, or null
 * @param pendingCount how many results in a row said {@code pending}
 * @param pendingSince the first result of that streak
 * @param alertThreads where the open outage was announced ({@code channel:ts} joined by commas), or null
 *                     while no announcement has been posted — a failed post is retried on the next result
 * @param outageSince  when the open outage began; kept after recovery until the recovery is announced
 */
public record WatchState(Health state, Instant since, Health pending, int pendingCount, Instant pendingSince,
                         String alertThreads, Instant outageSince) {
    public static final WatchState NEW = new WatchState(Health.UNKNOWN, null, null, 0, null, null, null);

    /** Down, and the outage not yet posted anywhere. */
    public boolean outageUnannounced() {
        return state == Health.UNHEALTHY && alertThreads == null;
    }

    /** Back up, and the recovery not yet posted in the outage's threads. */
    public boolean recoveryUnannounced() {
        return state == Health.HEALTHY && outageSince != null;
    }

    public WatchState announcedOutage(String threads) {
        return new WatchState(state, since, pending, pendingCount, pendingSince, threads, outageSince);
    }

    public WatchState announcedRecovery() {
        return new WatchState(state, since, pending, pendingCount, pendingSince, null, null);
    }
}
