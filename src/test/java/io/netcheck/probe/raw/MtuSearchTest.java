package io.netcheck.probe.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The size search against a simulated path: nothing is sent and nothing sleeps. Time is a fake ticker that
 * advances by a round trip when every size answers and by the whole wait when one does not, so the budget
 * can be tested too.
 */
class MtuSearchTest {
    static final Duration WAIT = Duration.ofMillis(500);
    static final InetAddress DST = addr("203.0.113.10");
    static final InetAddress ROUTER = addr("198.51.100.1");

    static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path: sizes up to {@code mtu} pass; larger ones get "fragmentation needed" (with or without the MTU) or vanish. */
    static final class FakePath implements MtuSearch.Rounds {
        final int mtu;
        final boolean fragNeeded;
        final Integer reported;
        IntPredicate alsoLost = s -> false;
        final List<List<Integer>> rounds = new ArrayList<>();
        long now;

        FakePath(int mtu, boolean fragNeeded, Integer reported) {
            this.mtu = mtu;
            this.fragNeeded = fragNeeded;
            this.reported = reported;
        }

        static FakePath blackHole(int mtu) {
            return new FakePath(mtu, false, null);
        }

        @Override
        public List<MtuAttempt> send(List<Integer> sizes, Duration wait) {
            rounds.add(sizes);
            List<MtuAttempt> out = new ArrayList<>();
            boolean waited = false;
            for (int s : sizes) {
                if (alsoLost.test(s)) {
                    out.add(MtuAttempt.lost(s));
                    waited = true;
                } else if (s <= mtu) {
                    out.add(MtuAttempt.answered(s, Duration.ofMillis(1), DST));
                } else if (fragNeeded) {
                    out.add(MtuAttempt.fragNeeded(s, reported, ROUTER));
                } else {
                    out.add(MtuAttempt.lost(s));
                    waited = true;
                }
            }
            now += waited ? wait.toNanos() : Duration.ofMillis(1).toNanos();
            return out;
        }
    }

    static MtuResult search(MtuSearch.Rounds path, int top, Duration budget, java.util.function.LongSupplier ticker)
            throws Exception {
        MtuSearch s = new MtuSearch(top, MtuProbe.IPV4_FLOOR);
        String problem = s.run(path, WAIT, budget, ticker);
        return MtuResult.of("eth0", DST, ROUTER, top, s.floor(), s.attempts(), problem, List.of());
    }

    static MtuResult search(FakePath path) throws Exception {
        return search(path, 1500, Duration.ofSeconds(30), () -> path.now);
    }

    @Test
    void aBlackHoleIsBisectedToTheByteInAFewRounds() throws Exception {
        FakePath path = FakePath.blackHole(1280);
        MtuResult r = search(path);
        assertEquals(1280, r.pathMtu());
        assertEquals(1281, r.smallestLost());
        assertTrue(r.blackHole());
        assertNull(r.problem());
        assertEquals(List.of(1500, 576), path.rounds.get(0), "first the interface MTU and the floor together");
        assertTrue(path.rounds.size() <= 7, "three sizes per round: " + path.rounds);
        assertTrue(path.rounds.stream().flatMap(List::stream).allMatch(s -> s >= 576 && s <= 1500), path.rounds.toString());
    }

    @Test
    void fullSizePacketsPassingEndTheSearchAtOnce() throws Exception {
        FakePath path = FakePath.blackHole(1500);
        MtuResult r = search(path);
        assertEquals(1500, r.pathMtu());
        assertTrue(r.fullSize());
        assertFalse(r.blackHole());
        assertEquals(1, path.rounds.size());
    }

    @Test
    void aReportedNextHopMtuIsTriedStraightAway() throws Exception {
        FakePath path = new FakePath(1400, true, 1400);
        MtuResult r = search(path);
        assertEquals(List.of(List.of(1500, 576), List.of(1400)), path.rounds, "tracepath's jump, no bisection");
        assertEquals(1400, r.pathMtu());
        assertFalse(r.blackHole(), "the router said so: not a black hole");
        assertEquals(1400, r.fragNeeded().nextHopMtu());
        assertEquals(ROUTER, r.fragNeeded().from());
    }

    @Test
    void fragmentationNeededWithoutAnMtuIsBisectedButIsNoBlackHole() throws Exception {
        MtuResult r = search(new FakePath(1400, true, null));
        assertEquals(1400, r.pathMtu());
        assertNull(r.smallestLost());
        assertFalse(r.blackHole());
    }

    @Test
    void aSilentHoleBeyondAProperlyReportedSmallerLinkIsStillAHole() throws Exception {
        // Router A reports 1400 properly; further on a 1280 link drops larger packets silently.
        MtuSearch.Rounds path = new MtuSearch.Rounds() {
            @Override
            public List<MtuAttempt> send(List<Integer> sizes, Duration wait) {
                return sizes.stream().map(s -> s > 1400 ? MtuAttempt.fragNeeded(s, 1400, ROUTER) : s > 1280
                        ? MtuAttempt.lost(s) : MtuAttempt.answered(s, Duration.ofMillis(1), DST)).toList();
            }
        };
        MtuResult r = search(path, 1500, Duration.ofSeconds(30), () -> 0);
        assertEquals(1280, r.pathMtu());
        assertEquals(1281, r.smallestLost());
        assertTrue(r.blackHole());
        assertEquals(1400, r.fragNeeded().nextHopMtu());
    }

    @Test
    void whenNotEvenTheFloorAnswersThereIsNothingToMeasure() throws Exception {
        FakePath path = FakePath.blackHole(1500);
        path.alsoLost = s -> true; // ICMP echo filtered
        MtuResult r = search(path);
        assertEquals(1, path.rounds.size());
        assertNull(r.pathMtu());
        assertFalse(r.blackHole());
    }

    @Test
    void aLostSizeBelowOneThatAnsweredIsTakenForLossNotForThePath() throws Exception {
        FakePath path = FakePath.blackHole(1400);
        Set<Integer> flaky = Set.of(1038, 1039, 1037);
        path.alsoLost = flaky::contains;
        MtuResult r = search(path);
        assertEquals(1400, r.pathMtu());
        assertEquals(1401, r.smallestLost());
    }

    @Test
    void theBudgetStopsTheSearchWithWhatItHasSoFar() throws Exception {
        FakePath path = FakePath.blackHole(1280);
        MtuResult r = search(path, 1500, WAIT.multipliedBy(2), () -> path.now);
        // Round 1 (1500 lost) costs the whole wait, round 2 (807, 1038, 1269 all answered) a round trip, round 3
        // (one lost) the rest: then the budget is spent.
        assertEquals(3, path.rounds.size(), path.rounds.toString());
        assertNotNull(r.problem());
        assertTrue(r.problem().contains("time budget"), r.problem());
        assertTrue(r.pathMtu() >= 576 && r.pathMtu() <= 1280, "a lower bound so far: " + r.pathMtu());
    }

    @Test
    void theWaitOfARoundNeverExceedsWhatIsLeftOfTheBudget() throws Exception {
        List<Duration> waits = new ArrayList<>();
        long[] now = {0};
        MtuSearch.Rounds path = (sizes, wait) -> {
            waits.add(wait);
            now[0] += Duration.ofMillis(300).toNanos();
            return sizes.stream().map(s -> s <= 1280 ? MtuAttempt.answered(s, Duration.ofMillis(1), DST)
                    : MtuAttempt.lost(s)).toList();
        };
        search(path, 1500, Duration.ofMillis(700), () -> now[0]);
        assertEquals(List.of(WAIT, Duration.ofMillis(400), Duration.ofMillis(100)), waits);
    }

    @Test
    void aJumboInterfaceIsSearchedWithinTheRoundLimit() throws Exception {
        FakePath path = FakePath.blackHole(1500);
        MtuResult r = search(path, 9000, Duration.ofSeconds(60), () -> path.now);
        assertEquals(1500, r.pathMtu());
        assertEquals(1501, r.smallestLost());
        assertTrue(path.rounds.size() <= MtuSearch.MAX_ROUNDS, path.rounds.toString());
        assertNull(r.problem());
    }

    @Test
    void anAnswerMissingFromARoundCountsAsLost() throws Exception {
        MtuSearch s = new MtuSearch(1500, 576);
        s.run((sizes, wait) -> List.of(MtuAttempt.answered(576, Duration.ofMillis(1), DST)), WAIT,
                Duration.ofMillis(1), new java.util.concurrent.atomic.AtomicLong()::getAndIncrement);
        assertEquals(MtuAttempt.Kind.LOST, s.attempts().stream().filter(a -> a.size() == 1500).findFirst()
                .orElseThrow().kind());
    }
}
