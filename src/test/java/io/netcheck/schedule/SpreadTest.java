package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpreadTest {
    static final Duration FIVE = Duration.ofMinutes(5);

    @Test
    void offsetsStayInsideTheIntervalAndDoNotMove() {
        for (int i = 0; i < 1000; i++) {
            Duration o = Spread.offset("C0OPS/watch-" + i, FIVE);
            assertTrue(!o.isNegative() && o.compareTo(FIVE) < 0, o.toString());
            assertEquals(o, Spread.offset("C0OPS/watch-" + i, FIVE), "stable across calls (and restarts)");
        }
    }

    @Test
    void watchesOfOneIntervalAreSpreadNotBunched() {
        // 100 watches on a 5-minute interval over ten 30-second buckets: no herd in any bucket.
        int[] buckets = new int[10];
        for (int i = 0; i < 100; i++) {
            buckets[(int) (Spread.offset("C0OPS/checkout-" + i, FIVE).toMillis() / 30_000)]++;
        }
        for (int b : buckets) {
            assertTrue(b >= 3 && b <= 20, java.util.Arrays.toString(buckets));
        }
    }

    @Test
    void latestSlotIsOffsetPlusWholeIntervals() {
        Duration offset = Duration.ofSeconds(70);
        Instant now = Instant.parse("2026-11-22T09:03:00Z");
        Instant slot = Spread.latestSlot(now, FIVE, offset);
        assertEquals(Instant.parse("2026-11-22T09:01:10Z"), slot);
        assertEquals(slot, Spread.latestSlot(slot, FIVE, offset), "a slot starts exactly at its time");
        assertEquals(slot.minus(FIVE), Spread.latestSlot(slot.minusMillis(1), FIVE, offset));
    }
}
