package io.netcheck.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Spreads watches over their interval: each gets a fixed offset from a hash of its identity, so twenty
 * 5-minute watches start at twenty different moments instead of all at once (no thundering herd), and a
 * restart does not move them.
 */
public final class Spread {
    private Spread() {
    }

    public static Duration offset(String key, Duration every) {
        long h = key.hashCode() * 0x9E3779B97F4A7C15L; // spread similar names apart
        h ^= h >>> 29;
        return Duration.ofMillis(Math.floorMod(h, Math.max(1, every.toMillis())));
    }

    /** The start of the latest slot at or before {@code now}: slots are {@code offset + k * every}. */
    public static Instant latestSlot(Instant now, Duration every, Duration offset) {
        long e = Math.max(1, every.toMillis());
        long t = now.toEpochMilli() - offset.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t, e) * e + offset.toMillis());
    }
}
