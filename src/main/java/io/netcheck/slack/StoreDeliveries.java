package io.netcheck.slack;

import io.netcheck.store.WatchStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The delivery ledger in the watch store, so that every replica sees every other's deliveries. Bounded in time: the
 * answer is needed before Slack's 3 s ack, and a slow or dead database must not hold the handler.
 */
final class StoreDeliveries implements DeliveryLedger {
    private final Supplier<WatchStore> store;
    private final Clock clock;
    private final Duration window;
    private final Duration answerWithin;
    private final ExecutorService executor;

    StoreDeliveries(Supplier<WatchStore> store, Clock clock, Duration window, Duration answerWithin,
                    ExecutorService executor) {
        this.store = store;
        this.clock = clock;
        this.window = window;
        this.answerWithin = answerWithin;
        this.executor = executor;
    }

    @Override
    public boolean take(String id) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.get().firstDelivery(id, clock.instant(), window);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, executor).get(answerWithin.toMillis(), TimeUnit.MILLISECONDS);
    }
}
