package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netcheck.check.CaptureSummary;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import io.netcheck.schedule.ShiftableClock;
import io.netcheck.store.TestStores;
import io.netcheck.store.WatchStore;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas (two KeptReports on one store): a report kept by one is found by the other, .pcap included. */
class SharedKeptReportsTest {
    static final Duration KEEP = Duration.ofHours(24);

    @TempDir
    Path dir;

    private final ShiftableClock clock = new ShiftableClock();

    {
        clock.set(Instant.parse("2026-12-03T10:00:00Z"));
    }

    private final Ticker ticker = () -> clock.instant().toEpochMilli() * 1_000_000L;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    static Report report() {
        Verdict v = new Verdict(Cause.BACKENDS_DOWN, "server", "Server/application team", "S0SRV", Confidence.HIGH,
                "backends-down", "every real server refuses", "x", List.of("look at the pool"), List.of("a", "b"));
        Step step = new Step("reach", "Reach the VIP", StepStatus.FAIL, "refused", "RST from 198.51.100.7",
                List.of(new Fact("port", "443")), List.of("10:00:00.001 SYN", "10:00:00.002 RST"), List.of());
        return new Report("tcp 198.51.100.7:443", "198.51.100.7:443", Instant.parse("2026-12-03T09:59:59Z"),
                Duration.ofMillis(812), v, List.of(step),
                new CaptureSummary(true, null, List.of("lo"), "host 198.51.100.7", 128, 2, 0, null), null);
    }

    private KeptReports replica(WatchStore store, int max) {
        return new KeptReports(clock, ticker, KEEP, max, new SharedKeptReports(() -> store, json, clock, KEEP, max));
    }

    @Test
    void aReportKeptByOneReplicaIsFoundByAnotherWithItsPcapUntilItsDayIsOver() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("shared");
        try (WatchStore a = TestStores.open(url, "sa", ""); WatchStore b = TestStores.open(url, "sa", "")) {
            KeptReports first = replica(a, 200);
            KeptReports second = replica(b, 200);
            byte[] pcap = {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0};
            String id = first.put(report(), List.of(new EvidenceThread.Pcap("netcheck.pcap", pcap)), "C0OPS", "1.1", "U0A");
            first.posted(id, "1.2");

            KeptReports.Kept found = second.get(id);
            assertNotNull(found, "the click on the other replica finds the report");
            assertEquals(report(), found.report());
            assertArrayEquals(pcap, found.pcaps().get(0).bytes());
            assertEquals("netcheck.pcap", found.pcaps().get(0).name());
            assertEquals("1.2", found.ts());
            assertEquals("C0OPS", found.channel());

            KeptReports restarted = replica(b, 200); // a new process: empty memory, same store
            assertNotNull(restarted.get(id), "and after a restart");
            clock.set(clock.instant().plus(KEEP).plusSeconds(1));
            assertNull(restarted.get(id), "not after its day");
        }
    }

    @Test
    void theStoreKeepsOnlyTheNewestReports() throws Exception {
        try (WatchStore store = TestStores.open("jdbc:h2:file:" + dir.resolve("bounded"), "sa", "")) {
            KeptReports one = replica(store, 2);
            String oldest = one.put(report(), null, "C1", "1", "U");
            clock.plusSeconds(1);
            String middle = one.put(report(), null, "C1", "2", "U");
            clock.plusSeconds(1);
            String newest = one.put(report(), null, "C1", "3", "U");
            KeptReports other = replica(store, 2);
            assertNull(other.get(oldest));
            assertNotNull(other.get(middle));
            assertNotNull(other.get(newest));
        }
    }
}
