package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.schedule.HealthSummary.Square;
import io.netcheck.store.Health;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import io.netcheck.store.WatchState;
import io.netcheck.store.TestStores;
import io.netcheck.store.WatchStore;
import io.netcheck.verdict.Team;
import io.netcheck.verdict.TeamDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryBuilderTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void problemsFirstWithAvailabilityStripChangesAndOwner() throws Exception {
        try (WatchStore store = TestStores.open("jdbc:h2:file:" + dir.resolve("s"), null, null)) {
            Instant start = NOW.minus(Duration.ofHours(24));
            Watch web = store.add("C1", "web", "http https://shop.example/", Duration.ofHours(1), Watch.SLACK, "U", start)
                    .orElseThrow();
            Watch db = store.add("C1", "db", "tcp db:5432", Duration.ofHours(1), Watch.SLACK, "U", start).orElseThrow();
            store.add("C1", "new", "tcp new:22", Duration.ofHours(1), Watch.SLACK, "U", NOW).orElseThrow();
            store.add("C2", "elsewhere", "tcp x:1", Duration.ofHours(1), Watch.SLACK, "U", start).orElseThrow();
            // web: healthy all day, one result per hour.
            for (int h = 0; h < 24; h++) {
                store.record(web.id(), new WatchResult(start.plus(Duration.ofMinutes(30 + 60L * h)), true, "HEALTHY", null,
                        "ok", 5), new WatchState(Health.HEALTHY, start, null, 0, null, null, null));
            }
            // db: healthy for 18 h, then down for the last 6 (changed state once).
            for (int h = 0; h < 24; h++) {
                boolean ok = h < 18;
                Instant at = start.plus(Duration.ofMinutes(30 + 60L * h));
                Health before = h == 18 ? Health.HEALTHY : null;
                store.record(db.id(), new WatchResult(at, ok, ok ? "HEALTHY" : "BACKENDS_DOWN", ok ? null : "server",
                        ok ? "ok" : "every real server refuses", 5), new WatchState(ok ? Health.HEALTHY : Health.UNHEALTHY,
                        ok ? start : start.plus(Duration.ofMinutes(30 + 60L * 18)), null, 0, null, null, null), before);
            }
            TeamDirectory teams = new TeamDirectory(Map.of(), Map.of("server", new Team("server", "App team", "S0APP")));
            HealthSummary s = new SummaryBuilder(store, teams, Duration.ofHours(24), 12).build("C1", NOW, null, false);

            assertEquals(List.of("db", "new", "web"), s.entries().stream().map(HealthSummary.Entry::name).toList(),
                    "down first, then not yet known, then healthy");
            var d = s.entries().get(0);
            assertEquals(Health.UNHEALTHY, d.state());
            assertEquals(0.75, d.availability(), 1e-9);
            assertEquals(1, d.changes());
            assertEquals("BACKENDS_DOWN", d.lastCause());
            assertEquals("S0APP", d.team().slackGroup());
            assertEquals(12, d.strip().size());
            assertEquals(List.of(Square.UP, Square.UP, Square.UP, Square.UP, Square.UP, Square.UP, Square.UP, Square.UP,
                    Square.UP, Square.DOWN, Square.DOWN, Square.DOWN), d.strip());
            var n = s.entries().get(1);
            assertTrue(Double.isNaN(n.availability()));
            assertTrue(n.strip().stream().allMatch(q -> q == Square.NONE));
            assertEquals(1.0, s.entries().get(2).availability(), 1e-9);
            assertEquals("1 of 3 watched targets down", s.overall());
        }
    }

    @Test
    void overallLines() {
        assertTrue(new HealthSummary("C", NOW, Duration.ofHours(24), List.of(), null, false).overall()
                .startsWith("No watches"));
    }
}
