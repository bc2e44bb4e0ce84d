package io.netcheck.probe;

import java.time.Duration;

/**
 * The one source of monotonic time for deadlines and elapsed times (the runner's, every probe's). Injected, so a
 * test advances a fake one instead of waiting; {@link #SYSTEM} is {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, never going back. */
    long nanos();

    /** The time since an earlier {@link #nanos()} reading. */
    default Duration since(long start) {
        return Duration.ofNanos(nanos() - start);
    }
}
