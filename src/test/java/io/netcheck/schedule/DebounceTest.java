package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.schedule.Debounce.Change;
import io.netcheck.store.Health;
import io.netcheck.store.WatchState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DebounceTest {
    static final Instant T = Instant.parse("2026-11-22T09:00:00Z");

    static Instant t(int minutes) {
        return T.plusSeconds(60L * minutes);
    }

    @Test
    void aNewWatchBecomesHealthyQuietlyOnceConfirmed() {
        var first = Debounce.apply(WatchState.NEW, true, t(0), 2);
        assertEquals(Change.NONE, first.change());
        assertEquals(Health.UNKNOWN, first.state().state());
        var second = Debounce.apply(first.state(), true, t(1), 2);
        assertEquals(Change.FIRST_HEALTHY, second.change());
        assertEquals(Health.HEALTHY, second.state().state());
        assertEquals(t(0), second.state().since(), "the state began with the first result that said so");
        assertFalse(second.state().recoveryUnannounced());
    }

    @Test
    void oneBadResultBetweenGoodOnesChangesNothing() {
        WatchState up = new WatchState(Health.HEALTHY, t(0), null, 0, null, null, null);
        var flap = Debounce.apply(up, false, t(5), 2);
        assertEquals(Change.NONE, flap.change());
        assertEquals(Health.UNHEALTHY, flap.state().pending());
        var back = Debounce.apply(flap.state(), true, t(6), 2);
        assertEquals(Change.NONE, back.change());
        assertNull(back.state().pending(), "the streak is forgotten");
        assertEquals(0, back.state().pendingCount());
        // A later single failure starts counting from one again.
        var again = Debounce.apply(back.state(), false, t(7), 2);
        assertEquals(1, again.state().pendingCount());
        assertEquals(Change.NONE, again.change());
    }

    @Test
    void confirmedOutageAndRecoveryCarryTheirStartTimes() {
        WatchState up = new WatchState(Health.HEALTHY, t(0), null, 0, null, null, null);
        var first = Debounce.apply(up, false, t(10), 3);
        var second = Debounce.apply(first.state(), false, t(11), 3);
        assertEquals(Change.NONE, second.change());
        var third = Debounce.apply(second.state(), false, t(12), 3);
        assertEquals(Change.DOWN, third.change());
        assertEquals(Health.HEALTHY, third.from());
        assertEquals(t(10), third.state().since());
        assertEquals(t(10), third.state().outageSince());
        assertTrue(third.state().outageUnannounced());

        WatchState announced = third.state().announcedOutage("C1:1.1");
        var still = Debounce.apply(announced, false, t(13), 3);
        assertEquals(Change.NONE, still.change());
        assertFalse(still.state().outageUnannounced(), "announced once, not again");

        var r1 = Debounce.apply(still.state(), true, t(20), 3);
        var r2 = Debounce.apply(r1.state(), true, t(21), 3);
        var r3 = Debounce.apply(r2.state(), true, t(22), 3);
        assertEquals(Change.RECOVERED, r3.change());
        assertEquals(t(20), r3.state().since());
        assertEquals("C1:1.1", r3.state().alertThreads(), "the recovery is replied in the outage's threads");
        assertEquals(t(10), r3.state().outageSince());
        assertTrue(r3.state().recoveryUnannounced());
        WatchState done = r3.state().announcedRecovery();
        assertFalse(done.recoveryUnannounced());
        assertNull(done.alertThreads());
    }

    @Test
    void aWatchThatStartsBrokenIsAnOutage() {
        var o = Debounce.apply(Debounce.apply(WatchState.NEW, false, t(0), 2).state(), false, t(1), 2);
        assertEquals(Change.DOWN, o.change());
        assertEquals(Health.UNKNOWN, o.from());
    }

    @Test
    void confirmOfOneActsAtOnce() {
        WatchState up = new WatchState(Health.HEALTHY, t(0), null, 0, null, null, null);
        assertEquals(Change.DOWN, Debounce.apply(up, false, t(1), 1).change());
    }
}
