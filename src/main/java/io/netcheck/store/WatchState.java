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
 */
public record WatchState(Health state, Instant since, Health pending, int pendingCount, Instant pendingSince,
                         String alertThreads) {
    public static final WatchState NEW = new WatchState(Health.UNKNOWN, null, null, 0, null, null);

    public WatchState withAlertThreads(String threads) {
        return new WatchState(state, since, pending, pendingCount, pendingSince, threads);
    }
}
