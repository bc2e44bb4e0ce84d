package io.netcheck.schedule;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.CaptureSummary;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.report.Report;
import io.netcheck.store.Health;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import io.netcheck.store.TestStores;
import io.netcheck.store.WatchStore;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Verdict;
import io.netcheck.probe.FakeTicker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's contract: debounced announcements, exactly once, retried when Slack or the store fails. */
class WatchRunnerTest {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path dir;
    WatchStore store;
    Server server;
    final AtomicBoolean healthy = new AtomicBoolean(true);
    final AtomicReference<Instant> now = new AtomicReference<>(T0);
    final Recorder announcer = new Recorder();

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    static final class Recorder implements Announcer {
        final List<String> events = new ArrayList<>();
        int failOutages;
        /** Dies (as a killed replica would stop) right after the root message is out, before its evidence. */
        boolean dieAfterRoot;

        @Override
        public String outage(Watch watch, Report report, WatchResult result,
                Consumer<String> posted) throws AnnounceFailed {
            if (dieAfterRoot) {
                dieAfterRoot = false;
                events.add("outage " + watch.name() + " root only");
                posted.accept("C0OPS:9.0001");
                throw new IllegalStateException("killed while posting the evidence thread");
            }
            if (failOutages > 0) {
                failOutages--;
                events.add("outage-failed");
                throw new AnnounceFailed("Slack down", null);
            }
            events.add("outage " + watch.name() + " " + result.cause() + (report != null ? " with report" : ""));
            return "C0OPS:1.000" + events.size();
        }

        @Override
        public void recovery(Watch watch, String threads, Duration outage, WatchResult result,
                Runnable posted) {
            events.add("recovery " + watch.name() + " in " + threads + " after " + outage.toMinutes() + "m");
        }

        @Override
        public void summary(HealthSummary summary) {
            events.add("summary");
        }
    }

    Report report(boolean ok) {
        Verdict v = new Verdict(ok ? Cause.HEALTHY : Cause.BACKENDS_DOWN, ok ? "none" : "server",
                ok ? "No team" : "Server/application team", null, Confidence.HIGH, "r", ok ? "all good"
                : "every real server refuses", "x", List.of());
        return new Report("tcp 127.0.0.1:1", "127.0.0.1:1", now.get(), Duration.ofMillis(5), v, List.of(),
                new CaptureSummary(false, "off", List.of(), "", 0, 0, 0, null), null);
    }

    WatchRunner runner(int confirm) {
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        return new WatchRunner(store, CheckKinds.parser(Limits.DEFAULTS), c -> report(healthy.get()), announcer, clock,
                new FakeTicker(), confirm, WatchRunner.Listener.NONE);
    }

    Watch watch() throws Exception {
        return store.find("C0OPS", "db").orElseThrow();
    }

    void runAt(WatchRunner r, int minute, boolean ok) throws Exception {
        now.set(T0.plusSeconds(60L * minute));
        healthy.set(ok);
        r.run(watch());
    }

    @Test
    void outageAndRecoveryAreAnnouncedOnceEachAfterConfirmation() throws Exception {
        store = TestStores.open("jdbc:h2:file:" + dir.resolve("w") + "", null, null);
        store.add("C0OPS", "db", "tcp db.internal:5432", Duration.ofMinutes(1), Watch.SLACK, "U1", T0);
        WatchRunner r = runner(2);
        runAt(r, 0, true);
        runAt(r, 1, true);
        assertEquals(Health.HEALTHY, watch().state().state());
        runAt(r, 2, false);
        assertEquals(List.of(), announcer.events, "one failure is not an outage");
        runAt(r, 3, false);
        runAt(r, 4, false);
        runAt(r, 5, false);
        assertEquals(List.of("outage db BACKENDS_DOWN with report"), announcer.events);
        runAt(r, 14, true);
        runAt(r, 15, true);
        runAt(r, 16, true);
        assertEquals(List.of("outage db BACKENDS_DOWN with report", "recovery db in C0OPS:1.0001 after 12m"),
                announcer.events);
        Watch w = watch();
        assertEquals(Health.HEALTHY, w.state().state());
        assertNull(w.state().alertThreads());
        assertEquals(2, store.changes(w.id(), T0.plusSeconds(60)), "down and up again (not the first, from UNKNOWN)");
        assertEquals(9, store.results(w.id(), T0).size());
    }

    @Test
    void aFailedOutagePostIsRetriedWithTheNextResultAndNotDuplicated() throws Exception {
        store = TestStores.open("jdbc:h2:file:" + dir.resolve("w"), null, null);
        store.add("C0OPS", "db", "tcp db.internal:5432", Duration.ofMinutes(1), Watch.SLACK, "U1", T0);
        WatchRunner r = runner(1);
        announcer.failOutages = 1;
        runAt(r, 0, false);
        assertTrue(watch().state().outageUnannounced());
        runAt(r, 1, false);
        runAt(r, 2, false);
        assertEquals(List.of("outage-failed", "outage db BACKENDS_DOWN with report"), announcer.events);
        assertNotNull(watch().state().alertThreads());
    }

    @Test
    void anOutageIsNotedAsSoonAsItsRootIsOutSoADeathDuringTheEvidenceDoesNotAlertTwice() throws Exception {
        store = TestStores.open("jdbc:h2:file:" + dir.resolve("w"), null, null);
        store.add("C0OPS", "db", "tcp db.internal:5432", Duration.ofMinutes(1), Watch.SLACK, "U1", T0);
        WatchRunner r = runner(1);
        announcer.dieAfterRoot = true;
        assertThrows(IllegalStateException.class, () -> runAt(r, 0, false));
        assertEquals("C0OPS:9.0001", watch().state().alertThreads(), "noted before the evidence thread");
        // The next run (here, or on the replica that takes the watch over) does not post the outage again.
        runAt(r, 1, false);
        runAt(r, 2, true);
        assertEquals(List.of("outage db root only", "recovery db in C0OPS:9.0001 after 2m"), announcer.events);
    }

    @Test
    void resultsWaitForTheStoreAndAreRecordedInOrderWhenItIsBack() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", dir.toString())
                .start();
        store = TestStores.open("jdbc:h2:tcp://127.0.0.1:" + port + "/watches", null, null);
        store.add("C0OPS", "db", "tcp db.internal:5432", Duration.ofMinutes(1), Watch.SLACK, "U1", T0);
        Watch w = watch();
        WatchRunner r = runner(2);
        server.stop();
        now.set(T0.plusSeconds(60));
        healthy.set(false);
        r.run(w);
        now.set(T0.plusSeconds(120));
        r.run(w);
        assertEquals(2, r.backlogSize(), "kept, not lost");
        assertEquals(List.of(), announcer.events);
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", dir.toString())
                .start();
        r.flushBacklog();
        assertEquals(0, r.backlogSize());
        List<WatchResult> results = store.results(w.id(), T0);
        assertEquals(List.of(T0.plusSeconds(60), T0.plusSeconds(120)), results.stream().map(WatchResult::at).toList());
        assertEquals(Health.UNHEALTHY, watch().state().state());
        assertEquals(List.of("outage db BACKENDS_DOWN with report"), announcer.events, "announced once, from the backlog");
        assertFalse(watch().state().outageUnannounced());
    }

    @Test
    void aWatchWhoseCommandNoLongerParsesReportsWhy() throws Exception {
        store = TestStores.open("jdbc:h2:file:" + dir.resolve("w"), null, null);
        store.add("C0OPS", "db", "tcp db.internal:5432 --timeout 999s", Duration.ofMinutes(1), Watch.SLACK, "U1", T0);
        runner(1).run(watch());
        WatchResult last = watch().last();
        assertEquals("WATCH_INVALID", last.cause());
        assertTrue(last.headline().contains("--timeout"), last.headline());
        assertEquals(List.of("outage db WATCH_INVALID"), announcer.events);
    }
}
