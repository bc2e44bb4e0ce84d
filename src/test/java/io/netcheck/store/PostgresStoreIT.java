package io.netcheck.store;

import static io.netcheck.store.WatchStoreTest.T0;
import static io.netcheck.store.WatchStoreTest.T1;
import static io.netcheck.store.WatchStoreTest.T2;
import static io.netcheck.store.WatchStoreTest.addWatch;
import static io.netcheck.store.WatchStoreTest.assertNoPassword;
import static io.netcheck.store.WatchStoreTest.healthy;
import static io.netcheck.store.WatchStoreTest.unhealthy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The watch store on a real PostgreSQL: a throwaway server started for this class (see {@link ThrowawayPostgres};
 * PostgreSQL comes from scripts/install-deps.sh, and without it this test fails). The tests build on each other's
 * data, in order: schema, watches and results, summary slots, a new store instance, a server restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresStoreIT {

    private static final String DATABASE = "netcheck";
    private static final String USER = "netcheck_app";
    private static final String PASSWORD = "pg-" + randomHex();

    private static String randomHex() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private ThrowawayPostgres pg;
    private String url;
    private WatchStore store;
    /** Created by earlier tests, checked by later ones. */
    private Watch web;

    @BeforeAll
    void startPostgres() throws Exception {
        long started = System.nanoTime();
        pg = ThrowawayPostgres.start(DATABASE, USER, PASSWORD);
        System.out.printf("[PostgresStoreIT] PostgreSQL from %s on 127.0.0.1:%d, up in %d ms%n", pg.binDir(), pg.port(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        url = pg.jdbcUrl(DATABASE);
        store = TestStores.open(url, USER, PASSWORD);
    }

    @AfterAll
    void stopPostgres() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private List<String> appliedVersions() throws Exception {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, success FROM netcheck_schema_history "
                     + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (r.next()) {
                assertTrue(r.getBoolean(2), "migration " + r.getString(1) + " recorded as failed");
                versions.add(r.getString(1));
            }
            return versions;
        }
    }

    @Test
    @Order(1)
    void migratesOnceAndMigratingAgainIsHarmless() throws Exception {
        assertEquals(url, store.describe());
        store.migrate();
        store.migrate();
        assertEquals(TestStores.bundledVersions(), appliedVersions());
        assertEquals(List.of(), store.watches());
        store.migrate();
        assertEquals(TestStores.bundledVersions(), appliedVersions());
    }

    @Test
    @Order(1)
    void aLastHealthyReportRoundTripsOnPostgres() throws Exception {
        String json = "{\"schemaVersion\":1,\"pad\":\"" + "x".repeat(50_000) + "\"}";
        store.keepHealthyReport("vip app.svc.test:443", T0, "{}");
        store.keepHealthyReport("vip app.svc.test:443", T1, json);
        assertEquals(java.util.Optional.of(new HealthyReport(T1, json)), store.lastHealthyReport("vip app.svc.test:443"));
    }

    @Test
    @Order(2)
    void watchesResultsAndStateRoundTrip() throws Exception {
        web = addWatch(store, "C1", "web");
        assertTrue(web.id() > 0);
        assertEquals(WatchState.NEW, web.state());
        assertEquals(T0, web.createdAt());
        assertEquals(Duration.ofMinutes(5), web.every());
        assertEquals(Optional.empty(),
                store.add("C1", "web", "tcp 10.9.9.9:22", Duration.ofSeconds(30), Watch.CONFIG, null, T1));
        Watch elsewhere = store.add("C2", "web", "tcp 10.9.9.9:22", Duration.ofSeconds(30), Watch.CONFIG, null, T1)
                .orElseThrow();
        assertNotEquals(web.id(), elsewhere.id());
        assertEquals(List.of(web, elsewhere), store.watches());

        WatchState down = new WatchState(Health.UNHEALTHY, T0, null, 0, null, "C1:1740906000.000100", T0);
        store.record(web.id(), unhealthy(T0), new WatchState(Health.UNKNOWN, null, Health.UNHEALTHY, 1, T0, null, null));
        store.record(web.id(), unhealthy(T1), down);
        WatchState recovering = new WatchState(Health.UNHEALTHY, T0, Health.HEALTHY, 1, T2, "C1:1740906000.000100", null);
        store.record(web.id(), healthy(T2), recovering);
        store.record(elsewhere.id(), healthy(T1), WatchState.NEW);

        Watch found = store.find(web.id()).orElseThrow();
        assertEquals(recovering, found.state());
        assertEquals(T2, found.lastRunAt());
        assertEquals(healthy(T2), found.last());
        assertEquals(found, store.find("C1", "web").orElseThrow());

        assertEquals(List.of(unhealthy(T0), unhealthy(T1), healthy(T2)), store.results(web.id(), T0));
        assertEquals(List.of(unhealthy(T1), healthy(T2)), store.results(web.id(), T0.plusMillis(1)));
        assertEquals(List.of(), store.results(web.id(), T2.plusMillis(1)));

        String longHeadline = "é".repeat(1500); // varchar(1000) counts characters on PostgreSQL too
        store.record(elsewhere.id(), new WatchResult(T2, false, "TIMEOUT", "net", longHeadline, 30_000), WatchState.NEW);
        assertEquals("é".repeat(999) + "…", store.results(elsewhere.id(), T2).get(0).headline());

        StoreUnavailable unknown = assertThrows(StoreUnavailable.class,
                () -> store.record(web.id() + 1000, healthy(T2), WatchState.NEW));
        assertNoPassword(unknown, PASSWORD);
        assertEquals(3, store.results(web.id(), Instant.EPOCH).size(), "the store carries on after a refused write");

        assertEquals(1, store.prune(T1), "web's result at T0");
        assertEquals(List.of(unhealthy(T1), healthy(T2)), store.results(web.id(), Instant.EPOCH));
        assertTrue(store.remove(elsewhere.id()));
        assertEquals(List.of(), store.results(elsewhere.id(), Instant.EPOCH), "results go with their watch");
    }

    @Test
    @Order(3)
    void summarySlotsAreClaimedUntilPosted() throws Exception {
        store.schedule("C1", "0 9 * * 1-5", Watch.SLACK, T0);
        store.schedule("C1", "0 17 * * 5", Watch.SLACK, T1);
        store.schedule("C2", "30 8 * * *", Watch.CONFIG, T0);
        assertEquals(List.of(new SummarySchedule("C1", "0 17 * * 5", Watch.SLACK, T1),
                new SummarySchedule("C2", "30 8 * * *", Watch.CONFIG, T0)), store.schedules());
        assertTrue(store.unschedule("C2"));
        assertFalse(store.unschedule("C2"));

        assertEquals(Optional.empty(), store.lastSlot("C1"));
        assertTrue(store.claimSlot("C1", T1));
        assertTrue(store.claimSlot("C1", T1), "pending: may be claimed again");
        store.slotPosted("C1", T1, T1.plusSeconds(3));
        assertFalse(store.claimSlot("C1", T1), "posted");
        assertTrue(store.claimSlot("C1", T2));
        assertTrue(store.claimSlot("C2", T1));
        assertEquals(Optional.of(T2), store.lastSlot("C1"));
    }

    @Test
    @Order(4)
    void aNewStoreInstanceSeesEverything() throws Exception {
        store.close();
        try (WatchStore second = TestStores.open(url, USER, PASSWORD)) {
            second.migrate();
            Watch found = second.find(web.id()).orElseThrow();
            assertEquals(new WatchState(Health.UNHEALTHY, T0, Health.HEALTHY, 1, T2, "C1:1740906000.000100", null),
                    found.state());
            assertEquals(healthy(T2), found.last());
            assertEquals(List.of(unhealthy(T1), healthy(T2)), second.results(web.id(), Instant.EPOCH));
            assertEquals(List.of(new SummarySchedule("C1", "0 17 * * 5", Watch.SLACK, T1)), second.schedules());
            assertFalse(second.claimSlot("C1", T1), "posted before");
            assertTrue(second.claimSlot("C1", T2), "claimed before, not posted");
            Watch api = addWatch(second, "C1", "api");
            assertTrue(api.id() > web.id());
        }
        assertEquals(TestStores.bundledVersions(), appliedVersions());
        // The first instance reconnects after close.
        assertEquals(2, store.watches().size());
    }

    @Test
    @Order(5)
    void unavailableWhileTheServerIsDownAndBackAfterARestart() throws Exception {
        store.ping();
        pg.stop();
        long start = System.nanoTime();
        StoreUnavailable broken = assertThrows(StoreUnavailable.class, () -> store.watches());
        assertTrue(broken.getMessage().contains("store " + url + " unavailable"), broken.getMessage());
        assertNoPassword(broken, PASSWORD);
        StoreUnavailable refused = assertThrows(StoreUnavailable.class,
                () -> store.record(web.id(), unhealthy(T2.plusSeconds(60)), WatchState.NEW));
        assertTrue(refused.getMessage().contains(url), refused.getMessage());
        assertNoPassword(refused, PASSWORD);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "failing took too long");

        pg.start();
        store.ping();
        assertEquals(List.of(unhealthy(T1), healthy(T2)), store.results(web.id(), Instant.EPOCH),
                "kept across the restart; the write attempted while down is not there");
        store.record(web.id(), healthy(T2.plusSeconds(120)), WatchState.NEW);
        assertEquals(T2.plusSeconds(120), store.find(web.id()).orElseThrow().lastRunAt());
    }

    @Test
    @Order(6)
    void aWrongPasswordIsRefusedWithoutShowingIt() {
        String wrong = PASSWORD + "-wrong";
        try (WatchStore intruder = TestStores.open(url, USER, wrong)) {
            StoreUnavailable e = assertThrows(StoreUnavailable.class, intruder::migrate);
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertNoPassword(e, PASSWORD);
            assertNoPassword(e, wrong);
        }
    }

    @Test
    @Order(99)
    void aDatabaseOfTheEarlierMigratorIsRealignedOnPostgresToo() throws Exception {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA legacy");
        }
        String legacyUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=legacy";
        StoreUrl parsed = StoreUrl.parse(legacyUrl);
        javax.sql.DataSource ds = TestStores.dataSource(parsed, USER, PASSWORD);
        LegacyHistoryTest.legacyFlyway(ds,
                LegacyHistoryTest.earlier("1", "watches and summaries", "V1__watches_and_summaries.sql", 0),
                LegacyHistoryTest.earlier("2", "outages and state changes", "V2__outages_and_state_changes.sql", 0))
                .migrate();
        assertEquals(List.of("JDBC", "JDBC"), LegacyHistoryTest.types(ds));
        try (WatchStore legacy = new WatchStore(ds, TestStores.flyway(ds), parsed.describe())) {
            legacy.migrate();
            addWatch(legacy, "C9", "old");
            assertTrue(LegacyHistoryTest.types(ds).stream().allMatch("SQL"::equals), LegacyHistoryTest.types(ds)
                    .toString());
            TestStores.flyway(ds).validate();
            assertEquals(1, legacy.watches().size(), "the legacy schema is its own database");
        }
    }
}
