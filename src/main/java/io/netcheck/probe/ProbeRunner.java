package io.netcheck.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
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
        this.executor = new ThreadPoolExecutor(0, maxParallel, 30, TimeUnit.SECONDS, new IdleFirstQueue(),
                DaemonThreads.named("probe"), (task, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("probe runner closed");
                    }
                    ((IdleFirstQueue) pool.getQueue()).enqueue(task);
                });
    }

    /** How many threads the runner holds now, busy or idle. */
    int threads() {
        return ((ThreadPoolExecutor) executor).getPoolSize();
    }

    /** Whether a thread of the runner is idle, waiting for the next probe. */
    boolean hasIdleThread() {
        return ((LinkedTransferQueue<Runnable>) ((ThreadPoolExecutor) executor).getQueue()).hasWaitingConsumer();
    }

    /**
     * The runner's work queue. A {@link ThreadPoolExecutor} with {@code core = max} threads starts a new thread for
     * every probe until it holds {@code max} of them, even while others are idle: 128 threads (each with its stack
     * and malloc arena share) in a bot that runs a few probes at a time. Here a probe goes to an idle thread if one
     * waits; otherwise the offer fails, so the pool starts a thread (up to the maximum); at the maximum the pool
     * rejects it and the rejection queues it. Threads idle for 30 s end.
     */
    private static final class IdleFirstQueue extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
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
