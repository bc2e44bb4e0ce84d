package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RecentRequests and KeptReports age on a ticker the test advances: no waiting. */
class CachesTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aRepeatedRequestIsRefusedUntilItsWindowPasses() {
        RecentRequests recent = new RecentRequests(ticker, Duration.ofMinutes(10), 100);
        assertTrue(recent.firstTime("trigger-1"));
        advance(Duration.ofMinutes(9));
        assertFalse(recent.firstTime("trigger-1"), "a retry within the window");
        assertTrue(recent.firstTime("trigger-2"));
        advance(Duration.ofMinutes(2));
        assertTrue(recent.firstTime("trigger-1"), "ten minutes after it was first seen");
        assertTrue(recent.firstTime(null), "no id: nothing to deduplicate on");
    }

    @Test
    void requestsAreBoundedInNumber() {
        RecentRequests recent = new RecentRequests(ticker, Duration.ofMinutes(10), 3);
        for (int i = 0; i < 50; i++) {
            recent.firstTime("t" + i);
        }
        int remembered = 0;
        for (int i = 0; i < 50; i++) {
            remembered += recent.firstTime("t" + i) ? 0 : 1;
        }
        assertTrue(remembered <= 3 + 3, "at most about the bound is remembered: " + remembered);
    }

    @Test
    void keptReportsExpireAfterTheirDayAndStayBounded() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        KeptReports kept = new KeptReports(clock, ticker, Duration.ofHours(24), 2);
        String first = kept.put(null, null, "C1", "1.1", "U1");
        advance(Duration.ofHours(23));
        kept.posted(first, "2.2");
        assertEquals("2.2", kept.get(first).ts());
        advance(Duration.ofHours(2)); // posting did not renew it: 25 h after it was kept
        assertNull(kept.get(first));

        String a = kept.put(null, null, "C1", "3.1", "U1");
        String b = kept.put(null, null, "C1", "3.2", "U1");
        String c = kept.put(null, null, "C1", "3.3", "U1");
        assertEquals(2, kept.size());
        assertNotNull(kept.get(c));
        assertTrue(kept.get(a) == null || kept.get(b) == null, "one of the older two made room");
    }

    @Test
    void onlyLocallyNewIdsAskTheSharedLedgerAndItsAnswerDecides() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        RecentRequests recent = new RecentRequests(ticker, Duration.ofMinutes(10), 100, id -> {
            asked.add(id);
            return !id.equals("taken-elsewhere");
        });
        assertTrue(recent.firstTime("t1"));
        assertFalse(recent.firstTime("t1"));
        assertFalse(recent.firstTime("taken-elsewhere"), "another replica took it");
        assertEquals(java.util.List.of("t1", "taken-elsewhere"), asked);
    }

    @Test
    void aLedgerThatCannotAnswerLetsTheDeliveryRunOnce() {
        RecentRequests recent = new RecentRequests(ticker, Duration.ofMinutes(10), 100, id -> {
            throw new java.util.concurrent.TimeoutException("store slow");
        });
        assertTrue(recent.firstTime("t1"), "a store outage must not swallow the command");
        assertFalse(recent.firstTime("t1"), "still deduplicated on this replica");
    }

    @Test
    void aStoreThatDoesNotAnswerInTimeIsGivenUpOnBeforeSlacksAckDeadline() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        var executor = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            StoreDeliveries ledger = new StoreDeliveries(() -> {
                try {
                    never.await(); // a database that hangs
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }, Clock.systemUTC(), Duration.ofMinutes(10), Duration.ofMillis(50), executor);
            RecentRequests recent = new RecentRequests(ticker, Duration.ofMinutes(10), 100, ledger);
            long start = System.nanoTime();
            assertTrue(recent.firstTime("t1"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) < 0);
        } finally {
            never.countDown();
            executor.shutdownNow();
        }
    }
}
