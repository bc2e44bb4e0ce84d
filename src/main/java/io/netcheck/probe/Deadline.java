package io.netcheck.probe;

import java.time.Duration;

/** The moment a probe must give up by. Created by the runner; probes only ask how much time is left. */
public final class Deadline {
    private final long deadlineNanos;
    private final Duration budget;
    private final Ticker ticker;

    private Deadline(long deadlineNanos, Duration budget, Ticker ticker) {
        this.deadlineNanos = deadlineNanos;
        this.budget = budget;
        this.ticker = ticker;
    }

    public static Deadline in(Duration budget) {
        return in(budget, Ticker.SYSTEM);
    }

    /** A deadline on the given time source (the runner's; a test's fake one). */
    public static Deadline in(Duration budget, Ticker ticker) {
        return new Deadline(ticker.nanos() + budget.toNanos(), budget, ticker);
    }

    /** A new deadline on the same time source, e.g. a probe's second phase with a budget of its own. */
    public Deadline next(Duration budget) {
        return in(budget, ticker);
    }

    /** The time source this deadline runs on: a probe measures its elapsed times on the same one. */
    public Ticker ticker() {
        return ticker;
    }

    public Duration budget() {
        return budget;
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - ticker.nanos()));
    }

    public boolean expired() {
        return deadlineNanos - ticker.nanos() <= 0;
    }

    /** Remaining time for socket APIs where 0 means "forever": never returns 0. */
    public int remainingMillisForSocket() {
        long ms = remaining().toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
