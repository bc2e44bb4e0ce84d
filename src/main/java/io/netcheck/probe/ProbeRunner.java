package io.netcheck.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs probes in parallel, each under its own deadline, and times them. Independent probes share one
 * pool, so 32 silent backends cost one timeout, not 32.
 */
public final class ProbeRunner implements AutoCloseable {
    /** Slack on top of the probe's own deadline before the runner stops waiting for it. */
    static final Duration GRACE = Duration.ofMillis(500);
    /** How many of its own timeouts a probe may wait in the queue before its caller stops waiting. */
    static final int QUEUE_BOUND = 10;

    private final ExecutorService executor;
    private final Clock clock;
    private final Ticker ticker;

    public ProbeRunner(int maxParallel, Clock clock) {
        this(maxParallel, clock, Ticker.SYSTEM);
    }

    /** @param ticker the time source of every probe's deadline and elapsed time */
    public ProbeRunner(int maxParallel, Clock clock, Ticker ticker) {
        this.clock = clock;
        this.ticker = ticker;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxParallel, maxParallel, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("probe"));
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    public <T, R> CompletableFuture<Timed<R>> submit(Probe<T, R> probe, T target, Duration timeout) {
        CompletableFuture<Timed<R>> future = new CompletableFuture<>();
        // A probe waiting for a free thread has not overrun: its own deadline and grace start when it runs. The
        // outer bound only keeps a caller from waiting forever behind a pool of stuck probes.
        future.orTimeout(timeout.multipliedBy(QUEUE_BOUND).plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        executor.execute(() -> {
            if (future.isDone()) {
                return;
            }
            future.orTimeout(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
            Instant started = clock.instant();
            long t0 = ticker.nanos();
            try {
                R result = probe.probe(target, Deadline.in(timeout, ticker));
                future.complete(new Timed<>(result, started, ticker.since(t0)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.completeExceptionally(new CompletionException(e));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /** The time source the runner's deadlines run on, for checks that measure around their probes. */
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
