package io.netcheck.capture;

import java.time.Duration;

/** A capture in progress: started before the probes send anything, stopped after they finish. */
public interface CaptureSession extends AutoCloseable {
    /** Waits {@code linger} for late packets (RSTs, retransmits), stops, and returns what was captured. */
    CaptureResult stop(Duration linger) throws InterruptedException;

    @Override
    void close();
}
