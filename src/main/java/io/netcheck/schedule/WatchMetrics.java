package io.netcheck.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netcheck.store.Health;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus view of watches: how many are in each state ({@code netcheck_watches{state}}), runs by outcome,
 * confirmed state changes, results waiting for the store, whether the store answers, summaries posted.
 */
@ApplicationScoped
public class WatchMetrics implements WatchRunner.Listener {
    private final MeterRegistry registry;
    private final Map<Health, AtomicInteger> states = new EnumMap<>(Health.class);
    private final AtomicInteger backlog = new AtomicInteger();
    private final AtomicInteger storeUp = new AtomicInteger(1);

    @Inject
    public WatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Health h : Health.values()) {
            AtomicInteger n = new AtomicInteger();
            states.put(h, n);
            Gauge.builder("netcheck.watches", n, AtomicInteger::get).tag("state", h.name().toLowerCase(Locale.ROOT))
                    .description("Watches by confirmed state").register(registry);
        }
        Gauge.builder("netcheck.watch.backlog", backlog, AtomicInteger::get)
                .description("Watch results waiting for the store to come back").register(registry);
        Gauge.builder("netcheck.store.up", storeUp, AtomicInteger::get)
                .description("1 when the watch store answered at the last tick").register(registry);
    }

    void watches(List<Watch> watches) {
        Map<Health, Integer> counts = new EnumMap<>(Health.class);
        for (Watch w : watches) {
            counts.merge(w.state().state(), 1, Integer::sum);
        }
        states.forEach((h, n) -> n.set(counts.getOrDefault(h, 0)));
    }

    void storeUp(boolean up) {
        storeUp.set(up ? 1 : 0);
    }

    void summaryPosted(boolean late) {
        Counter.builder("netcheck.summaries.posted").tag("late", String.valueOf(late)).register(registry).increment();
    }

    @Override
    public void ran(Watch watch, WatchResult result) {
        Counter.builder("netcheck.watch.runs").tag("outcome", result.healthy() ? "healthy" : "unhealthy")
                .register(registry).increment();
    }

    @Override
    public void changed(Watch watch, Debounce.Change change) {
        Counter.builder("netcheck.watch.changes").tag("change", change.name().toLowerCase(Locale.ROOT))
                .register(registry).increment();
    }

    @Override
    public void backlog(int size, int dropped) {
        backlog.set(size);
    }
}
