package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.store.Health;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

/**
 * How watches become Quartz jobs and when a slot is due, on Quartz's in-memory store with the scheduler never started
 * (nothing fires: the times are read from the triggers). The clustering itself is ReplicasIT's, on PostgreSQL.
 */
class QuartzClusterTest {
    static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");
    static final Duration MIN = Duration.ofMinutes(1);

    QuartzCluster cluster;

    @BeforeEach
    void create() throws Exception {
        cluster = QuartzCluster.inMemory(new QuartzCluster.Work() {
            @Override
            public void watch(long id, Instant scheduled, String firing) {
            }

            @Override
            public void control() {
            }
        }, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        cluster.shutdown();
    }

    static Watch watch(long id, String name, Duration every, Instant lastRunAt) {
        WatchState state = new WatchState(Health.HEALTHY, NOW.minusSeconds(3600), null, 0, null, null, null);
        return new Watch(id, "C0OPS", name, "tcp web.example:443", every, Watch.SLACK, "U1", NOW.minusSeconds(7200),
                lastRunAt == null ? WatchState.NEW : state, lastRunAt, null);
    }

    @Test
    void aNewWatchRunsAtOnceThenAtItsSlots() throws Exception {
        Watch w = watch(7, "web", MIN, null);
        QuartzCluster.Synced s = cluster.sync(List.of(w), NOW);
        assertEquals(List.of(7L), s.scheduled());
        List<? extends Trigger> triggers = cluster.triggers(7);
        assertEquals(2, triggers.size(), "the repeating trigger and one firing now");
        SimpleTrigger repeating = (SimpleTrigger) triggers.stream().filter(t -> t.getKey().getName().equals("7"))
                .findFirst().orElseThrow();
        Instant first = repeating.getStartTime().toInstant();
        assertEquals(MIN.toMillis(), repeating.getRepeatInterval());
        assertEquals(Spread.latestSlot(NOW, MIN, QuartzCluster.offset(w)).plus(MIN), first, "the watch's own slot");
        assertTrue(first.isAfter(NOW) && !first.isAfter(NOW.plus(MIN)));
        Trigger once = triggers.stream().filter(t -> t.getKey().getName().equals("7-now")).findFirst().orElseThrow();
        assertEquals(NOW, once.getStartTime().toInstant());
    }

    @Test
    void aWatchThatRanInItsSlotIsNotFiredAgainWhenItsJobIsCreated() throws Exception {
        Watch w = watch(8, "db", MIN, NOW.minusSeconds(1));
        Instant slot = Spread.latestSlot(NOW, MIN, QuartzCluster.offset(w));
        Watch ranThisSlot = watch(8, "db", MIN, slot.plusMillis(5));
        cluster.sync(List.of(ranThisSlot), NOW);
        assertEquals(1, cluster.triggers(8).size(), "only the repeating trigger");
    }

    @Test
    void syncIsIdempotentAndFollowsIntervalChangesAndRemovals() throws Exception {
        Watch a = watch(1, "a", MIN, null);
        Watch b = watch(2, "b", MIN, null);
        cluster.sync(List.of(a, b), NOW);
        QuartzCluster.Synced again = cluster.sync(List.of(a, b), NOW.plusSeconds(1));
        assertEquals(List.of(), again.scheduled(), "nothing changed: no job is re-created");
        assertEquals(List.of(), again.removed());

        Watch slower = watch(1, "a", Duration.ofMinutes(5), NOW);
        QuartzCluster.Synced changed = cluster.sync(List.of(slower), NOW.plusSeconds(2));
        assertEquals(List.of(1L), changed.scheduled());
        assertEquals(List.of(2L), changed.removed());
        assertEquals(1, cluster.watchJobs().size());
        SimpleTrigger t = (SimpleTrigger) cluster.triggers(1).stream()
                .filter(x -> x.getKey().getName().equals("1")).findFirst().orElseThrow();
        assertEquals(Duration.ofMinutes(5).toMillis(), t.getRepeatInterval());
    }

    @Test
    void aSlotNoReplicaFiredIsCaughtUpOnceButNotBeforeTheGrace() throws Exception {
        Instant created = NOW.minus(Duration.ofMinutes(10));
        Watch w = watch(3, "cache", MIN, created);
        cluster.sync(List.of(w), created); // its trigger starts at the next slot after `created`
        Instant slot = Spread.latestSlot(NOW, MIN, QuartzCluster.offset(w));
        // Nothing fired since (every replica was down) and the last result is 10 minutes old.
        QuartzCluster.Synced early = cluster.sync(List.of(w), slot.plusSeconds(10));
        assertEquals(List.of(), early.caughtUp(), "within the grace the regular firing may still be under way");
        QuartzCluster.Synced late = cluster.sync(List.of(w), slot.plusSeconds(31));
        assertEquals(List.of(3L), late.caughtUp());
        long catchUps = cluster.triggers(3).stream().filter(t -> t.getKey().getName().startsWith("3-missed-")).count();
        assertEquals(1, catchUps);
        cluster.sync(List.of(w), slot.plusSeconds(40));
        assertEquals(1, cluster.triggers(3).stream().filter(t -> t.getKey().getName().startsWith("3-missed-")).count(),
                "asked once per slot");
        // Once the slot has a result, it is not owed any more.
        Watch ran = watch(3, "cache", MIN, slot.plusSeconds(32));
        assertEquals(List.of(), cluster.sync(List.of(ran), slot.plusSeconds(45)).caughtUp());
    }

    @Test
    void slotDueOncePerSlot() {
        Watch never = watch(4, "x", MIN, null);
        assertTrue(WatchScheduler.slotDue(never, NOW), "never ran: due");
        Instant slot = Spread.latestSlot(NOW, MIN, QuartzCluster.offset(never));
        Watch ranInSlot = watch(4, "x", MIN, slot.plusMillis(3));
        assertFalse(WatchScheduler.slotDue(ranInSlot, slot.plusSeconds(20)), "a recovered firing of this slot: skipped");
        assertTrue(WatchScheduler.slotDue(ranInSlot, slot.plus(MIN)), "the next slot: due");
        Watch ranBefore = watch(4, "x", MIN, slot.minusMillis(1));
        assertTrue(WatchScheduler.slotDue(ranBefore, slot));
    }

    @Test
    void watchAndControlJobsNeverRunTwiceAtOnce() {
        assertTrue(QuartzCluster.WatchJob.class.isAnnotationPresent(DisallowConcurrentExecution.class));
        assertTrue(QuartzCluster.ControlJob.class.isAnnotationPresent(DisallowConcurrentExecution.class));
    }
}
