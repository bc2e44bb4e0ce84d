package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.store.TestStores;
import io.netcheck.store.ThrowawayPostgres;
import io.netcheck.store.WatchStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay's SQL on a real PostgreSQL (V8 migrated by Flyway as the app does): the lease join, which connection
 * wins a presence, the compare-and-set claim, outcomes, pruning, and a NOTIFY waking another session's LISTEN.
 * Times are given, not read: nothing here waits on a clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgRelayStoreIT {
    static final int PG_PORT = 55441;
    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final String PASSWORD = "pg-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(9));

    ThrowawayPostgres pg;
    WatchStore store;
    PgRelayStore a;
    PgRelayStore b;

    @BeforeAll
    void start() throws Exception {
        pg = ThrowawayPostgres.start("netcheck", "netcheck_app", PASSWORD, PG_PORT);
        store = TestStores.open(pg.jdbcUrl("netcheck"), "netcheck_app", PASSWORD);
        store.migrate();
        a = new PgRelayStore(store.connections());
        b = new PgRelayStore(store.connections());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            a.close();
            b.close();
            store.close();
        } finally {
            pg.close();
        }
    }

    static RelayStore.RelayJob job(String id, String owner) {
        return new RelayStore.RelayJob(id, RelayStore.Kind.CHECK, "lb-a", owner, "req", "tcp 203.0.113.10:443",
                30_000, List.of(), 0, T0, T0.plusSeconds(35));
    }

    @Test
    void presencesFollowLeasesAndTheLaterConnectionWins() {
        a.renew("ra-1", T0.plusSeconds(15));
        a.renew("ra-2", T0.plusSeconds(15));
        a.present("lb-p", "ra-1", T0, T0);
        assertEquals(List.of(new RelayStore.Presence("lb-p", "ra-1", T0)), only("lb-p", a.presences(T0)));
        // An older connection elsewhere does not take it; a later one does, and the old replica's re-assertion and
        // its disconnect leave it alone.
        a.present("lb-p", "ra-2", T0.minusSeconds(5), T0);
        assertEquals("ra-1", only("lb-p", a.presences(T0)).get(0).replica());
        a.present("lb-p", "ra-2", T0.plusSeconds(3), T0.plusSeconds(3));
        a.present("lb-p", "ra-1", T0, T0.plusSeconds(4));
        a.absent("lb-p", "ra-1");
        assertEquals("ra-2", only("lb-p", a.presences(T0.plusSeconds(4))).get(0).replica());
        // Once ra-2's lease has run out it counts nowhere, and any connection replaces it (clocks may differ).
        assertTrue(only("lb-p", a.presences(T0.plusSeconds(15))).isEmpty());
        a.renew("ra-1", T0.plusSeconds(40));
        a.present("lb-p", "ra-1", T0.minusSeconds(60), T0.plusSeconds(20));
        assertEquals("ra-1", only("lb-p", a.presences(T0.plusSeconds(20))).get(0).replica());
        a.release("ra-1");
        assertTrue(only("lb-p", a.presences(T0.plusSeconds(20))).isEmpty());
        assertEquals(Optional.empty(), a.leaseOf("ra-1"));
    }

    private static List<RelayStore.Presence> only(String agent, List<RelayStore.Presence> all) {
        return all.stream().filter(p -> p.agent().equals(agent)).toList();
    }

    @Test
    void oneClaimWinsAndTheOutcomeIsReadOnceDone() {
        a.submit(job("job-claim", "ra-3"));
        assertEquals(List.of(job("job-claim", "ra-3")), b.queued("ra-3"));
        assertFalse(b.claimed("job-claim"));
        assertFalse(b.claim("job-claim", "ra-4", T0), "addressed to ra-3 only");
        assertTrue(b.claim("job-claim", "ra-3", T0));
        assertFalse(a.claim("job-claim", "ra-3", T0), "claimed once");
        assertTrue(b.queued("ra-3").isEmpty());
        assertTrue(a.claimed("job-claim"));
        assertEquals(Optional.empty(), a.outcome("job-claim"));
        String pcap = "A".repeat(2_800_000); // a 2 MiB capture in base64
        RelayStore.Outcome done = RelayStore.Outcome.of(new AgentMessage.Result("x", "{}", null, null, List.of(), pcap,
                false));
        b.finish("job-claim", done);
        assertEquals(Optional.of(done), a.outcome("job-claim"));
        a.forget("job-claim");
        assertEquals(Optional.empty(), a.outcome("job-claim"));
    }

    @Test
    void errorsCrossAndPruningDropsJobsPastTheirDeadline() {
        a.submit(job("job-err", "ra-5"));
        assertTrue(b.claim("job-err", "ra-5", T0));
        b.finish("job-err", RelayStore.Outcome.of(new AgentException(AgentException.Kind.POLICY, "refused")));
        assertEquals(Optional.of(new RelayStore.Outcome(null, "POLICY", "refused")), a.outcome("job-err"));
        a.submit(job("job-old", "ra-5"));
        a.prune(T0.plusSeconds(36));
        assertEquals(Optional.empty(), a.outcome("job-err"));
        assertTrue(a.queued("ra-5").isEmpty());
    }

    @Test
    void aQueuedJobWakesAListeningReplica() throws Exception {
        assertFalse(b.await(Duration.ofMillis(50)), "nothing yet (and now listening)");
        a.submit(job("job-wake", "ra-6"));
        assertTrue(b.await(Duration.ofSeconds(30)), "notified");
        a.forget("job-wake");
    }
}
