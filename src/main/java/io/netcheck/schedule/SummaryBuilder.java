package io.netcheck.schedule;

import io.netcheck.schedule.HealthSummary.Square;
import io.netcheck.store.Health;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import io.netcheck.store.WatchStore;
import io.netcheck.verdict.TeamDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads a channel's watches and their history from the store and computes its {@link HealthSummary}. */
public final class SummaryBuilder {
    private final WatchStore store;
    private final TeamDirectory teams;
    private final Duration window;
    private final int slots;

    public SummaryBuilder(WatchStore store, TeamDirectory teams, Duration window, int slots) {
        this.store = store;
        this.teams = teams;
        this.window = window;
        this.slots = Math.max(1, slots);
    }

    public HealthSummary build(String channel, Instant now, Instant dueAt, boolean late) throws StoreUnavailable {
        Instant from = now.minus(window);
        List<HealthSummary.Entry> entries = new ArrayList<>();
        for (Watch w : store.watches(channel)) {
            List<WatchResult> results = store.results(w.id(), from);
            entries.add(entry(w, results, store.changes(w.id(), from), from));
        }
        // Problems first, then not-yet-known, then healthy; by name within each.
        entries.sort(Comparator.comparingInt((HealthSummary.Entry e) -> switch (e.state()) {
            case UNHEALTHY -> 0;
            case UNKNOWN -> 1;
            case HEALTHY -> 2;
        }).thenComparing(HealthSummary.Entry::name));
        return new HealthSummary(channel, now, window, entries, dueAt, late);
    }

    HealthSummary.Entry entry(Watch w, List<WatchResult> results, int changes, Instant from) {
        long healthy = results.stream().filter(WatchResult::healthy).count();
        double availability = results.isEmpty() ? Double.NaN : (double) healthy / results.size();
        WatchResult last = w.last();
        var team = last == null || last.healthy() ? null : teams.team(last.team());
        Instant since = w.state().state() == Health.UNKNOWN ? w.createdAt() : w.state().since();
        return new HealthSummary.Entry(w.name(), w.command(), w.state().state(), since, availability,
                strip(results, from), changes, last == null ? null : last.cause(), last == null ? null : last.headline(),
                team, w.lastRunAt());
    }

    /** One square per slot of the window, oldest first. */
    List<Square> strip(List<WatchResult> results, Instant from) {
        long width = Math.max(1, window.toMillis() / slots);
        int[] up = new int[slots];
        int[] down = new int[slots];
        for (WatchResult r : results) {
            int i = (int) Math.min(slots - 1, Math.max(0, (r.at().toEpochMilli() - from.toEpochMilli()) / width));
            if (r.healthy()) {
                up[i]++;
            } else {
                down[i]++;
            }
        }
        List<Square> strip = new ArrayList<>(slots);
        for (int i = 0; i < slots; i++) {
            strip.add(up[i] + down[i] == 0 ? Square.NONE : down[i] == 0 ? Square.UP : up[i] == 0 ? Square.DOWN
                    : Square.MIXED);
        }
        return strip;
    }
}
