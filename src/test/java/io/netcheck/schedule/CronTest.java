package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.Cron;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronTest {
    @Test
    void unixFormLastSlotOnWeekdays() {
        Cron c = Cron.parse("0 9 * * MON-FRI");
        // Sunday 22 Nov 2026, 10:00: the last weekday slot was Friday 20 Nov 09:00.
        assertEquals(Instant.parse("2026-11-20T09:00:00Z"),
                c.lastAtOrBefore(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC).orElseThrow());
        // Exactly at the slot counts as the slot.
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"),
                c.lastAtOrBefore(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC).orElseThrow());
        assertEquals(Instant.parse("2026-11-23T09:00:00Z"),
                c.nextAfter(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC).orElseThrow());
        assertTrue(c.description().toLowerCase().contains("monday"), c.description());
    }

    @Test
    void secondsFirstFormAndZones() {
        Cron c = Cron.parse("0 0 9 * * MON-FRI");
        assertEquals(Instant.parse("2026-11-20T08:00:00Z"), c.lastAtOrBefore(Instant.parse("2026-11-22T10:00:00Z"),
                ZoneId.of("Europe/Paris")).orElseThrow(), "09:00 in Paris is 08:00 UTC in November");
    }

    @Test
    void gapsAndErrors() {
        assertEquals(Duration.ofMinutes(15), Cron.parse("*/15 * * * *").shortestGap(Instant.parse("2026-01-05T00:00:00Z"),
                ZoneOffset.UTC));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 9 * *")).getMessage()
                .contains("4 fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cron.parse("0 25 * * *")).getMessage()
                .contains("not a valid cron"));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Cron.parse("x".repeat(500)));
    }
}
