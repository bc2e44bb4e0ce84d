package io.netcheck.probe.raw;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Which sizes to try next, from what the sizes tried so far did. First the interface MTU and the floor
 * together; then, like {@code tracepath}, straight to the next-hop MTU a "fragmentation needed" reports;
 * where sizes are lost silently, a bisection that tries a few sizes per round (a round costs one wait, so
 * fewer rounds finish sooner). Trusts an answered size over a lost larger one: a lost echo above a passing
 * size is the path, a lost echo below it was plain loss. No I/O here: {@link Rounds} does the sending, so the
 * search can be tested without a network or a clock.
 */
public final class MtuSearch {
    /** One round on the wire: every size sent at once, answers awaited for at most {@code wait}. */
    @FunctionalInterface
    public interface Rounds {
        /** @return one attempt per size, in any order */
        List<MtuAttempt> send(List<Integer> sizes, Duration wait) throws IOException, InterruptedException;
    }

    /** Rounds at most: enough to bisect 576..9000 to the byte with the sizes per round below. */
    static final int MAX_ROUNDS = 10;
    /** Sizes tried at once when bisecting: the interval shrinks fourfold per round. */
    static final int PER_ROUND = 3;

    private final int top;
    private final int floor;
    private final Map<Integer, MtuAttempt> tried = new LinkedHashMap<>();
    private int rounds;

    /**
     * @param top   the largest size, the interface MTU
     * @param floor the smallest size worth trying (576 for IPv4)
     */
    public MtuSearch(int top, int floor) {
        if (top < 68 || floor < 68) {
            throw new IllegalArgumentException("sizes below 68 bytes cannot carry an IPv4 echo");
        }
        this.top = top;
        this.floor = Math.min(floor, top);
    }

    public int top() {
        return top;
    }

    public int floor() {
        return floor;
    }

    /** Every attempt so far, in the order tried. */
    public List<MtuAttempt> attempts() {
        return List.copyOf(tried.values());
    }

    public int rounds() {
        return rounds;
    }

    public void record(List<MtuAttempt> attempts) {
        rounds++;
        for (MtuAttempt a : attempts) {
            tried.putIfAbsent(a.size(), a);
        }
    }

    /** The sizes of the next round; empty when the search is over. */
    public List<Integer> next() {
        if (tried.isEmpty()) {
            return top == floor ? List.of(top) : List.of(top, floor);
        }
        if (rounds >= MAX_ROUNDS) {
            return List.of();
        }
        int lo = largestAnswered();
        if (lo < 0) {
            return List.of(); // not even the floor passes: nothing to measure by size
        }
        int hi = smallestFailingAbove(lo);
        if (hi - lo <= 1) {
            return List.of();
        }
        // A router that says "fragmentation needed" names its next-hop MTU: try exactly that (tracepath).
        for (MtuAttempt a : tried.values()) {
            Integer m = a.nextHopMtu();
            if (a.kind() == MtuAttempt.Kind.FRAG_NEEDED && m != null && m > lo && m < hi && !tried.containsKey(m)) {
                return List.of(m);
            }
        }
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int k = 1; k <= PER_ROUND; k++) {
            int s = lo + (int) Math.round((hi - lo) * (double) k / (PER_ROUND + 1));
            if (s > lo && s < hi && !tried.containsKey(s)) {
                sizes.add(s);
            }
        }
        if (sizes.isEmpty()) {
            return List.of(lo + 1); // hi - lo >= 2 here, so lo + 1 is new
        }
        return List.copyOf(sizes.descendingSet());
    }

    /** The largest size answered, -1 when none was. */
    int largestAnswered() {
        return tried.values().stream().filter(a -> !a.failed()).mapToInt(MtuAttempt::size).max().orElse(-1);
    }

    /**
     * The smallest size above {@code lo} known not to pass: failed itself, or larger than the next-hop MTU a
     * router reported. {@code top + 1} when every size above {@code lo} tried so far passed.
     */
    int smallestFailingAbove(int lo) {
        int hi = top + 1;
        for (MtuAttempt a : tried.values()) {
            if (!a.failed() || a.size() <= lo) {
                continue;
            }
            hi = Math.min(hi, a.size());
            Integer m = a.nextHopMtu();
            if (a.kind() == MtuAttempt.Kind.FRAG_NEEDED && m != null && m >= lo && m < a.size()) {
                hi = Math.min(hi, m + 1); // everything above the next-hop MTU gets the same answer
            }
        }
        return hi;
    }

    /**
     * Runs rounds until the search ends or the budget is spent.
     *
     * @param wait   the longest one round may wait for answers
     * @param budget the time the whole search may take
     * @param ticker nanoseconds, like {@link System#nanoTime()}
     * @return why the search stopped early, null when it finished
     */
    public String run(Rounds link, Duration wait, Duration budget, LongSupplier ticker)
            throws IOException, InterruptedException {
        long start = ticker.getAsLong();
        while (true) {
            List<Integer> sizes = next();
            if (sizes.isEmpty()) {
                return rounds >= MAX_ROUNDS && largestAnswered() >= 0
                        && smallestFailingAbove(largestAnswered()) - largestAnswered() > 1
                        ? "stopped after " + MAX_ROUNDS + " rounds of sizes" : null;
            }
            long left = budget.toNanos() - (ticker.getAsLong() - start);
            if (left <= 0) {
                return "the time budget (" + budget.toMillis() + " ms) ran out after " + tried.size() + " sizes";
            }
            List<MtuAttempt> answers = new ArrayList<>(link.send(sizes, Duration.ofNanos(Math.min(wait.toNanos(),
                    left))));
            for (int size : sizes) {
                if (answers.stream().noneMatch(a -> a.size() == size)) {
                    answers.add(MtuAttempt.lost(size));
                }
            }
            record(answers);
        }
    }
}
