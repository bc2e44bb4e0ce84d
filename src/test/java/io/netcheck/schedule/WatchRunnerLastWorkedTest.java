package io.netcheck.schedule;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.report.Report;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import io.netcheck.store.TestStores;
import io.netcheck.store.WatchStore;
import io.netcheck.verdict.ReportFixtures;
import io.netcheck.probe.FakeTicker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch keeps its last healthy report in the store; its outage alert says what changed since. */
class WatchRunnerLastWorkedTest {
    @TempDir
    Path dir;
    WatchStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theOutageCarriesTheChangeAndTheStoreKeepsTheLastHealthyReport() throws Exception {
        store = TestStores.open("jdbc:h2:file:" + dir.resolve("w"), null, null);
        Instant t0 = Instant.parse("2026-11-22T09:00:00Z");
        store.add("C0OPS", "shop", "vip 203.0.113.10:443 --tls", Duration.ofMinutes(1), Watch.SLACK, "U1", t0);
        AtomicReference<Report> next = new AtomicReference<>();
        List<Report> announced = new ArrayList<>();
        Announcer announcer = new Announcer() {
            @Override
            public String outage(Watch watch, Report report, WatchResult result,
                Consumer<String> posted) {
                announced.add(report);
                return "C0OPS:1.0001";
            }

            @Override
            public void recovery(Watch watch, String threads, Duration outage, WatchResult result,
                Runnable posted) {
            }

            @Override
            public void summary(HealthSummary summary) {
            }
        };
        WatchRunner runner = new WatchRunner(store, CheckKinds.parser(Limits.DEFAULTS), c -> next.get(), announcer,
                Clock.fixed(t0, ZoneOffset.UTC), new FakeTicker(), 2, WatchRunner.Listener.NONE);
        next.set(ReportFixtures.vipHealthyTls());
        runner.run(store.find("C0OPS", "shop").orElseThrow());
        assertTrue(store.lastHealthyReport("vip 203.0.113.10:443").orElseThrow().json()
                .contains("\"schemaVersion\" : 1"), "kept as the renderer wrote it");
        next.set(ReportFixtures.vipExpiredCertificate());
        runner.run(store.find("C0OPS", "shop").orElseThrow());
        runner.run(store.find("C0OPS", "shop").orElseThrow());
        assertEquals(1, announced.size());
        Optional<String> line = SinceLastWorked.line(announced.get(0));
        assertTrue(line.orElseThrow().startsWith("since it last worked at 04:00 UTC: the certificate of "
                + "203.0.113.10:443 changed: valid until 2026-11-01T00:00:00Z, was 2027-02-01T00:00:00Z"), line::get);
        assertTrue(announced.get(0).verdict().explanation().contains("First suspect"));
        assertEquals(Instant.parse("2026-11-22T04:00:00Z"),
                store.lastHealthyReport("vip 203.0.113.10:443").orElseThrow().at(), "failing runs keep the baseline");
    }
}
