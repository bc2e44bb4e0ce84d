package io.netcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch store on H2: a file in a temporary directory, and an H2 TCP server that can be taken away. */
class WatchStoreTest {

    /** Distinctive, so that finding it in any message is never a coincidence. */
    static final String PASSWORD = "pw-Zq7-store-s3cret";
    static final String USER = "netcheck";

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final Instant T2 = T0.plusSeconds(120);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private String fileUrl() {
        return "jdbc:h2:file:" + dir.resolve("netcheck");
    }

    private WatchStore open(String url) {
        WatchStore store = TestStores.open(url, USER, PASSWORD);
        toClose.add(store);
        return store;
    }

    static WatchResult unhealthy(Instant at) {
        return new WatchResult(at, false, "BACKENDS_DOWN", "lb-team", "2 of 3 backends refuse 10.0.0.5:443", 812);
    }

    static WatchResult healthy(Instant at) {
        return new WatchResult(at, true, "HEALTHY", null, "all good", 95);
    }

    static Watch addWatch(WatchStore store, String channel, String name) throws StoreUnavailable {
        return store.add(channel, name, "vip 10.0.0.5:443 --backends 10.0.1.1,10.0.1.2", Duration.ofMinutes(5),
                Watch.SLACK, "U0ALICE", T0).orElseThrow(() -> new AssertionError("add " + channel + "/" + name + " returned empty"));
    }

    /** The password must not appear in any message of the exception or its causes (they end up in logs). */
    static void assertNoPassword(Throwable thrown, String password) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(password), () -> "password in message: " + thrown);
            assertFalse(t.toString().contains(password), () -> "password in: " + thrown);
            for (Throwable s : t.getSuppressed()) {
                assertNoPassword(s, password);
            }
        }
    }

    /** Applied versions in the history table, in order ("netcheck_schema_history" is created quoted, lower case). */
    static List<String> appliedVersions(Connection c) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"version\", \"success\" FROM \"netcheck_schema_history\" "
                     + "WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (r.next()) {
                assertTrue(r.getBoolean(2), "migration " + r.getString(1) + " recorded as failed");
                versions.add(r.getString(1));
            }
        }
        return versions;
    }

    // ---- schema ----

    @Test
    void aWatchSlotIsClaimedOnceAndOnlyForward() throws Exception {
        try (WatchStore store = TestStores.open("jdbc:h2:mem:claims-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                USER, PASSWORD)) {
            Watch w = addWatch(store, "C0OPS", "claims");
            Instant slot = T0;
            assertTrue(store.claimRun(w.id(), slot), "the first claim of a slot");
            assertFalse(store.claimRun(w.id(), slot), "a second claim of the same slot: another firing, another replica");
            assertFalse(store.claimRun(w.id(), slot.minusSeconds(60)), "never back to an earlier slot");
            assertTrue(store.claimRun(w.id(), slot.plusSeconds(60)), "the next slot");
        }
    }

    @Test
    void migratingTwiceIsHarmlessAndRecordsVersionOne() throws Exception {
        WatchStore store = open(fileUrl());
        store.migrate();
        Watch w = addWatch(store, "C1", "web");
        store.migrate();
        store.migrate();

        assertEquals(Optional.of(w), store.find(w.id()), "migrating again kept the data");
        try (Connection c = DriverManager.getConnection(fileUrl(), USER, PASSWORD)) {
            assertEquals(TestStores.bundledVersions(), appliedVersions(c));
        }
    }

    @Test
    void theLastHealthyReportPerTargetIsReplacedBoundedAndPruned() throws Exception {
        WatchStore store = open(fileUrl());
        String big = "{\"schemaVersion\":1,\"pad\":\"" + "x".repeat(100_000) + "\"}";
        store.keepHealthyReport("vip app.svc.test:443", T0, "{\"run\":1}");
        store.keepHealthyReport("vip app.svc.test:443", T1, big);
        store.keepHealthyReport("tcp db:5432", T0, "{\"run\":3}");
        assertEquals(Optional.of(new HealthyReport(T1, big)), store.lastHealthyReport("vip app.svc.test:443"),
                "replaced, and a large report kept whole");
        assertEquals(Optional.empty(), store.lastHealthyReport("vip other:443"));
        for (int i = 0; i < WatchStore.HEALTHY_REPORTS_KEPT; i++) {
            store.keepHealthyReport("tcp t" + i + ":80", T2.plusSeconds(i), "{}");
        }
        assertEquals(Optional.empty(), store.lastHealthyReport("tcp db:5432"), "the oldest go beyond the bound");
        assertEquals(Optional.empty(), store.lastHealthyReport("vip app.svc.test:443"));
        assertTrue(store.lastHealthyReport("tcp t0:80").isPresent());
        store.prune(T2.plusSeconds(1));
        assertEquals(Optional.empty(), store.lastHealthyReport("tcp t0:80"), "pruned with the results' retention");
        assertTrue(store.lastHealthyReport("tcp t1:80").isPresent());
    }

    @Test
    void firstCallMigratesWithoutAnExplicitMigrate() throws Exception {
        WatchStore store = open(fileUrl());
        assertEquals(List.of(), store.watches());
        try (Connection c = DriverManager.getConnection(fileUrl(), USER, PASSWORD)) {
            assertEquals(TestStores.bundledVersions(), appliedVersions(c));
        }
    }

    // ---- watches ----

    @Test
    void addsFindsListsUpdatesAndRemovesWatches() throws Exception {
        WatchStore store = open(fileUrl());
        Watch web = addWatch(store, "C1", "web");
        assertTrue(web.id() > 0);
        assertEquals("C1", web.channel());
        assertEquals("web", web.name());
        assertEquals("vip 10.0.0.5:443 --backends 10.0.1.1,10.0.1.2", web.command());
        assertEquals(Duration.ofMinutes(5), web.every());
        assertEquals(Watch.SLACK, web.source());
        assertEquals("U0ALICE", web.createdBy());
        assertEquals(T0, web.createdAt());
        assertEquals(WatchState.NEW, web.state());
        assertNull(web.lastRunAt());
        assertNull(web.last());

        // Same channel and name: refused, the first one untouched.
        Optional<Watch> dup = store.add("C1", "web", "tcp 10.9.9.9:22", Duration.ofSeconds(30), Watch.CONFIG, null, T1);
        assertEquals(Optional.empty(), dup);
        assertEquals(Optional.of(web), store.find("C1", "web"));

        // Same name in another channel: a different watch.
        Watch other = store.add("C2", "web", "tcp 10.9.9.9:22", Duration.ofSeconds(30), Watch.CONFIG, null, T1)
                .orElseThrow();
        assertNotEquals(web.id(), other.id());
        assertEquals(Watch.CONFIG, other.source());
        assertNull(other.createdBy());
        assertEquals(Duration.ofSeconds(30), other.every());
        Watch api = addWatch(store, "C1", "api");

        assertEquals(List.of(api, web, other), store.watches(), "ordered by channel, then name");
        assertEquals(List.of(api, web), store.watches("C1"));
        assertEquals(List.of(other), store.watches("C2"));
        assertEquals(List.of(), store.watches("C3"));
        assertEquals(Optional.of(other), store.find(other.id()));
        assertEquals(Optional.of(other), store.find("C2", "web"));
        assertEquals(Optional.empty(), store.find("C3", "web"));
        assertEquals(Optional.empty(), store.find(other.id() + 1000));

        store.update(web.id(), "http https://web.example/health", Duration.ofMinutes(1));
        Watch updated = store.find(web.id()).orElseThrow();
        assertEquals("http https://web.example/health", updated.command());
        assertEquals(Duration.ofMinutes(1), updated.every());
        assertEquals(web.createdAt(), updated.createdAt());

        assertTrue(store.remove(web.id()));
        assertFalse(store.remove(web.id()), "already gone");
        assertEquals(Optional.empty(), store.find(web.id()));
        assertEquals(Optional.empty(), store.find("C1", "web"));
        assertEquals(List.of(api, other), store.watches());
        // The name is free again.
        assertTrue(store.add("C1", "web", "tcp 10.0.0.1:80", Duration.ofMinutes(2), Watch.SLACK, "U0BOB", T2).isPresent());
    }

    // ---- results and state ----

    @Test
    void recordKeepsResultAndStateTogether() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        Watch other = addWatch(store, "C1", "api");

        WatchState pending = new WatchState(Health.UNKNOWN, null, Health.UNHEALTHY, 1, T0, null, null);
        store.record(w.id(), unhealthy(T0), pending);
        Watch afterFirst = store.find(w.id()).orElseThrow();
        assertEquals(pending, afterFirst.state());
        assertEquals(T0, afterFirst.lastRunAt());
        assertEquals(unhealthy(T0), afterFirst.last());

        WatchState down = new WatchState(Health.UNHEALTHY, T0, null, 0, null, "C1:1740906000.000100", T0);
        store.record(w.id(), unhealthy(T1), down);
        WatchState recovering = new WatchState(Health.UNHEALTHY, T0, Health.HEALTHY, 1, T2, "C1:1740906000.000100", T0);
        store.record(w.id(), healthy(T2), recovering);
        store.record(other.id(), healthy(T1), new WatchState(Health.HEALTHY, T1, null, 0, null, null, null));

        Watch found = store.find(w.id()).orElseThrow();
        assertEquals(recovering, found.state());
        assertEquals(T2, found.lastRunAt());
        assertEquals(healthy(T2), found.last(), "the last result is the latest one");
        assertEquals(found, store.find("C1", "web").orElseThrow());
        assertEquals(healthy(T2), store.watches("C1").get(1).last());
        assertEquals(healthy(T1), store.watches("C1").get(0).last(), "api has its own last result");

        assertEquals(List.of(unhealthy(T0), unhealthy(T1), healthy(T2)), store.results(w.id(), Instant.EPOCH));
        assertEquals(List.of(unhealthy(T0), unhealthy(T1), healthy(T2)), store.results(w.id(), T0), "from is inclusive");
        assertEquals(List.of(unhealthy(T1), healthy(T2)), store.results(w.id(), T0.plusMillis(1)));
        assertEquals(List.of(healthy(T2)), store.results(w.id(), T2));
        assertEquals(List.of(), store.results(w.id(), T2.plusMillis(1)));
        assertEquals(List.of(healthy(T1)), store.results(other.id(), Instant.EPOCH));

        // An announcement noted without a result (posted to a second channel) keeps the last run time.
        WatchState announced = recovering.announcedOutage("C1:1740906000.000100,C9:1740906001.000200");
        assertTrue(store.noteOutageAnnounced(w.id(), T0, announced.alertThreads()));
        Watch afterSave = store.find(w.id()).orElseThrow();
        assertEquals(announced, afterSave.state());
        assertEquals(T2, afterSave.lastRunAt());
        assertEquals(3, store.results(w.id(), Instant.EPOCH).size());
    }

    @Test
    void anAnnouncementNotedDuringTheNextRunIsNotOverwrittenByThatRunsOlderRead() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        WatchState down = new WatchState(Health.UNHEALTHY, T0, null, 0, null, null, T0);
        store.record(w.id(), unhealthy(T0), down, Health.UNKNOWN);
        // The next run read the state (not yet announced) before the slow post of the run before was noted.
        WatchState staleRead = store.find(w.id()).orElseThrow().state();
        assertTrue(store.noteOutageAnnounced(w.id(), T0, "C1:1.0001"));
        store.record(w.id(), unhealthy(T1), staleRead, null);
        assertEquals("C1:1.0001", store.find(w.id()).orElseThrow().state().alertThreads(), "the note survives");
        assertFalse(store.noteOutageAnnounced(w.id(), T1, "C1:2.0001"), "another outage's note writes nothing");

        WatchState recovered = new WatchState(Health.HEALTHY, T2, null, 0, null, "C1:1.0001", T0);
        store.record(w.id(), healthy(T2), recovered, Health.UNHEALTHY);
        assertTrue(store.noteRecoveryAnnounced(w.id(), T0));
        WatchState after = store.find(w.id()).orElseThrow().state();
        assertNull(after.alertThreads());
        assertNull(after.outageSince());
        assertFalse(after.recoveryUnannounced());
        assertFalse(store.noteRecoveryAnnounced(w.id(), T0), "noted once");
    }

    @Test
    void longHeadlinesAreCutToTheColumn() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        String longHeadline = "x".repeat(1500);
        store.record(w.id(), new WatchResult(T0, false, "TIMEOUT", "net", longHeadline, 30_000), WatchState.NEW);
        String kept = store.results(w.id(), T0).get(0).headline();
        assertEquals(1000, kept.length());
        assertEquals("x".repeat(999) + "…", kept);
    }

    @Test
    void recordForAnUnknownWatchFailsAndKeepsNothing() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        long missing = w.id() + 1000;
        StoreUnavailable e = assertThrows(StoreUnavailable.class,
                () -> store.record(missing, unhealthy(T0), WatchState.NEW));
        assertNoPassword(e, PASSWORD);
        assertEquals(List.of(), store.results(missing, Instant.EPOCH));
        // The store carries on after the failure (reconnected).
        store.record(w.id(), healthy(T1), WatchState.NEW);
        assertEquals(List.of(healthy(T1)), store.results(w.id(), Instant.EPOCH));
    }

    @Test
    void aFailedRecordRollsBackTheResult() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        store.record(w.id(), healthy(T0), WatchState.NEW);
        // A state without a Health fails while saving the state, after the result row was inserted.
        WatchState broken = new WatchState(null, T1, null, 0, null, null, null);
        assertThrows(RuntimeException.class, () -> store.record(w.id(), unhealthy(T1), broken));

        assertEquals(List.of(healthy(T0)), store.results(w.id(), Instant.EPOCH), "result kept without its state");
        Watch found = store.find(w.id()).orElseThrow();
        assertEquals(T0, found.lastRunAt());
        assertEquals(healthy(T0), found.last());
        // And the connection is back in auto-commit: later writes are not lost.
        store.record(w.id(), healthy(T2), WatchState.NEW);
        store.close();
        assertEquals(List.of(healthy(T0), healthy(T2)), open(fileUrl()).results(w.id(), Instant.EPOCH));
    }

    @Test
    void pruneDropsOldResultsAndSlots() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        Watch other = addWatch(store, "C2", "web");
        store.record(w.id(), unhealthy(T0), WatchState.NEW);
        store.record(w.id(), unhealthy(T1), WatchState.NEW);
        store.record(w.id(), healthy(T2), WatchState.NEW);
        store.record(other.id(), healthy(T0), WatchState.NEW);
        assertTrue(store.claimSlot("C1", T0));
        assertTrue(store.claimSlot("C1", T2));

        assertEquals(2, store.prune(T1), "results strictly before T1, of every watch");
        assertEquals(List.of(unhealthy(T1), healthy(T2)), store.results(w.id(), Instant.EPOCH));
        assertEquals(List.of(), store.results(other.id(), Instant.EPOCH));
        assertEquals(0, store.prune(T1), "nothing left to prune");
        assertEquals(Optional.of(T2), store.lastSlot("C1"));
        store.slotPosted("C1", T2, T2);
        assertEquals(2, store.prune(T2.plusSeconds(1)), "the last two results");
        assertEquals(Optional.empty(), store.lastSlot("C1"), "old slots are pruned too");
        assertEquals(List.of(), store.results(w.id(), Instant.EPOCH));
        // The watch itself stays, with its last run time.
        assertEquals(T2, store.find(w.id()).orElseThrow().lastRunAt());
    }

    @Test
    void removingAWatchRemovesItsResults() throws Exception {
        WatchStore store = open(fileUrl());
        Watch w = addWatch(store, "C1", "web");
        store.record(w.id(), unhealthy(T0), WatchState.NEW);
        assertTrue(store.remove(w.id()));
        assertEquals(List.of(), store.results(w.id(), Instant.EPOCH));
        assertEquals(0, store.prune(T2));
    }

    // ---- summaries ----

    @Test
    void summarySchedulesReplaceAndRemove() throws Exception {
        WatchStore store = open(fileUrl());
        assertEquals(List.of(), store.schedules());
        store.schedule("C2", "0 9 * * 1-5", Watch.CONFIG, T0);
        store.schedule("C1", "30 8 * * *", Watch.SLACK, T0);
        assertEquals(List.of(new SummarySchedule("C1", "30 8 * * *", Watch.SLACK, T0),
                new SummarySchedule("C2", "0 9 * * 1-5", Watch.CONFIG, T0)), store.schedules());

        store.schedule("C1", "0 17 * * 5", Watch.SLACK, T1);
        assertEquals(List.of(new SummarySchedule("C1", "0 17 * * 5", Watch.SLACK, T1),
                new SummarySchedule("C2", "0 9 * * 1-5", Watch.CONFIG, T0)), store.schedules(), "one schedule per channel");

        assertTrue(store.unschedule("C1"));
        assertFalse(store.unschedule("C1"));
        assertFalse(store.unschedule("C3"));
        assertEquals(List.of(new SummarySchedule("C2", "0 9 * * 1-5", Watch.CONFIG, T0)), store.schedules());
    }

    @Test
    void slotsAreClaimedUntilPosted() throws Exception {
        WatchStore store = open(fileUrl());
        assertEquals(Optional.empty(), store.lastSlot("C1"));

        assertTrue(store.claimSlot("C1", T1), "new slot");
        assertTrue(store.claimSlot("C1", T1), "claimed but not posted yet (a failed post or a restart)");
        assertEquals(Optional.of(T1), store.lastSlot("C1"));
        store.slotPosted("C1", T1, T1.plusSeconds(2));
        assertFalse(store.claimSlot("C1", T1), "posted: never again");
        assertFalse(store.claimSlot("C1", T1));

        assertTrue(store.claimSlot("C2", T1), "another channel's slot is its own");
        assertTrue(store.claimSlot("C1", T2));
        assertTrue(store.claimSlot("C1", T0), "a missed earlier slot");
        assertEquals(Optional.of(T2), store.lastSlot("C1"), "the latest slot, posted or not");
        assertEquals(Optional.of(T1), store.lastSlot("C2"));
        assertEquals(Optional.empty(), store.lastSlot("C3"));
    }

    // ---- restart ----

    @Test
    void everythingSurvivesARestart() throws Exception {
        WatchStore first = open(fileUrl());
        Watch w = addWatch(first, "C1", "web");
        WatchState down = new WatchState(Health.UNHEALTHY, T0, null, 0, null, "C1:1.2", null);
        first.record(w.id(), unhealthy(T0), down);
        first.schedule("C1", "0 9 * * *", Watch.SLACK, T0);
        assertTrue(first.claimSlot("C1", T0));
        first.slotPosted("C1", T0, T0);
        assertTrue(first.claimSlot("C1", T1));
        first.close();

        WatchStore second = open(fileUrl());
        second.migrate();
        Watch found = second.find("C1", "web").orElseThrow();
        assertEquals(w.id(), found.id());
        assertEquals(down, found.state());
        assertEquals(T0, found.lastRunAt());
        assertEquals(unhealthy(T0), found.last());
        assertEquals(List.of(unhealthy(T0)), second.results(w.id(), Instant.EPOCH));
        assertEquals(List.of(new SummarySchedule("C1", "0 9 * * *", Watch.SLACK, T0)), second.schedules());
        assertFalse(second.claimSlot("C1", T0), "posted before the restart");
        assertTrue(second.claimSlot("C1", T1), "claimed before the restart, never posted");
        assertEquals(Optional.of(T1), second.lastSlot("C1"));
        assertEquals(Optional.empty(), second.add("C1", "web", "tcp x:1", Duration.ofMinutes(1), Watch.SLACK, "U", T2));
        Watch next = addWatch(second, "C1", "api");
        assertTrue(next.id() > w.id(), "ids keep growing after a restart");
        second.close();

        // A closed store opens a new connection on its next call.
        assertEquals(2, first.watches().size());
        try (Connection c = DriverManager.getConnection(fileUrl(), USER, PASSWORD)) {
            assertEquals(TestStores.bundledVersions(), appliedVersions(c));
        }
    }

    // ---- failures ----

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** An H2 TCP server on loopback (no -tcpAllowOthers), retrying briefly when the port is not free yet. */
    private static Server tcpServer(int port, Path baseDir) throws Exception {
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                        "-baseDir", baseDir.toString()).start();
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("cannot start an H2 TCP server on port " + port, last);
    }

    @Test
    void unavailableWhileTheServerIsDownAndRecoversWhenItIsBack() throws Exception {
        Path baseDir = dir.resolve("tcp");
        int port = freeLoopbackPort();
        Server server = tcpServer(port, baseDir);
        try {
            String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/netcheck";
            WatchStore store = open(url);
            assertEquals(url, store.describe());
            Watch w = addWatch(store, "C1", "web");
            store.record(w.id(), unhealthy(T0), WatchState.NEW);
            store.ping();

            server.stop();
            StoreUnavailable broken = assertThrows(StoreUnavailable.class, () -> store.watches());
            assertTrue(broken.getMessage().contains("store " + url + " unavailable"), broken.getMessage());
            assertNoPassword(broken, PASSWORD);
            // Still down: the reconnect fails the same way, promptly.
            long start = System.nanoTime();
            StoreUnavailable refused = assertThrows(StoreUnavailable.class,
                    () -> store.record(w.id(), healthy(T1), WatchState.NEW));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "failing took too long");
            assertTrue(refused.getMessage().contains(url), refused.getMessage());
            assertNoPassword(refused, PASSWORD);
            assertThrows(StoreUnavailable.class, store::ping);

            server = tcpServer(port, baseDir);
            store.ping();
            Watch kept = store.find(w.id()).orElseThrow();
            assertEquals(w.command(), kept.command());
            assertEquals(unhealthy(T0), kept.last(), "data kept while down");
            assertEquals(T0, kept.lastRunAt());
            assertEquals(1, store.watches().size());
            store.record(w.id(), healthy(T1), WatchState.NEW);
            assertEquals(List.of(unhealthy(T0), healthy(T1)), store.results(w.id(), Instant.EPOCH),
                    "the record attempted while down was not kept");
        } finally {
            server.stop();
        }
    }

    @Test
    void aStoreThatWasNeverReachableFailsOnFirstUseWithoutThePassword() throws Exception {
        int port = freeLoopbackPort(); // nothing listens there
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/netcheck";
        WatchStore store = open(url);
        StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> store.find("C1", "web"));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertNoPassword(e, PASSWORD);
        StoreUnavailable again = assertThrows(StoreUnavailable.class, store::migrate);
        assertTrue(again.getMessage().startsWith("cannot migrate the store at " + url), again.getMessage());
        assertNoPassword(again, PASSWORD);
    }

    @Test
    void aWrongPasswordIsReportedWithoutEitherPassword() throws Exception {
        WatchStore right = open(fileUrl());
        addWatch(right, "C1", "web");
        right.close();

        String wrongPassword = "pw-Wrong-9q-guess";
        WatchStore wrong = TestStores.open(fileUrl(), USER, wrongPassword);
        toClose.add(wrong);
        StoreUnavailable e = assertThrows(StoreUnavailable.class, () -> wrong.watches());
        assertTrue(e.getMessage().contains(fileUrl()), e.getMessage());
        assertNoPassword(e, wrongPassword);
        assertNoPassword(e, PASSWORD);
        assertEquals(1, open(fileUrl()).watches().size());
    }

    @Test
    void describeLeavesOutUrlSettings() {
        String secretSetting = "jdbc:h2:file:/var/lib/netcheck/store;PASSWORD=" + PASSWORD + ";MODE=PostgreSQL";
        assertEquals("jdbc:h2:file:/var/lib/netcheck/store", TestStores.open(secretSetting, USER, PASSWORD).describe());
        assertEquals("jdbc:postgresql://db.example:5432/netcheck",
                TestStores.open("jdbc:postgresql://db.example:5432/netcheck?password=" + PASSWORD + "&ssl=true", USER,
                        PASSWORD).describe());
    }

    @Test
    void otherDatabasesAreRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestStores.open("jdbc:mysql://db.example:3306/netcheck", USER, PASSWORD));
        assertTrue(e.getMessage().contains("jdbc:h2:") && e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc:mysql:"), e.getMessage());
        assertNoPassword(e, PASSWORD);

        // Credentials written into such a URL stay out of the message too.
        IllegalArgumentException inUrl = assertThrows(IllegalArgumentException.class,
                () -> TestStores.open("jdbc:mysql://u:" + PASSWORD + "@db.example/netcheck", USER, PASSWORD));
        assertTrue(inUrl.getMessage().contains("jdbc:mysql:"), inUrl.getMessage());
        assertFalse(inUrl.getMessage().contains(PASSWORD.substring(0, 4)), inUrl.getMessage());

        assertThrows(IllegalArgumentException.class, () -> TestStores.open("postgresql://db/netcheck", USER, PASSWORD));
    }
}
