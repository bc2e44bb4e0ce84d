package io.netcheck.schedule;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The schedule clock in @QuarkusTests: real time until a test pins it, so a test can jump to tomorrow 09:00
 * without waiting. Probes and Slack signatures keep the real clock.
 */
@WatchTime
@Singleton
public class ShiftableClock extends Clock {
    private volatile Instant pinned;

    public void set(Instant at) {
        pinned = at;
    }

    public void plusSeconds(long seconds) {
        pinned = instant().plusSeconds(seconds);
    }

    public void release() {
        pinned = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant p = pinned;
        return p != null ? p : Instant.now();
    }
}
