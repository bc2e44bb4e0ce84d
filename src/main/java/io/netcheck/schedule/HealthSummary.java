package io.netcheck.schedule;

import io.netcheck.store.Health;
import io.netcheck.verdict.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A channel's health at a glance: every watch with its state, availability and a strip of recent slots,
 * problems first. Data only; the Slack layer and the log renderer draw it.
 *
 * @param dueAt the schedule slot this summary is for; null when asked for on demand
 * @param late  true when posted well after its slot (netcheck was down or Slack unreachable then)
 */
public record HealthSummary(String channel, Instant at, Duration window, List<Entry> entries, Instant dueAt,
                            boolean late) {
    public HealthSummary {
        entries = List.copyOf(entries);
    }

    /**
     * @param availability share of healthy results in the window, 0..1; NaN when there were none
     * @param strip        one square per slot of the window, oldest first
     * @param changes      confirmed state changes in the window
     * @param team         the owning team of the last unhealthy verdict; null when healthy
     */
    public record Entry(String name, String command, Health state, Instant since, double availability,
                        List<Square> strip, int changes, String lastCause, String lastHeadline, Team team,
                        Instant lastRun) {
        public Entry {
            strip = List.copyOf(strip);
        }

        /** Down now, or pending confirmation of down: problems sort first. */
        public boolean problem() {
            return state == Health.UNHEALTHY;
        }
    }

    /** A slot of the strip: all healthy, all unhealthy, some of each, or no result at all. */
    public enum Square {
        UP, DOWN, MIXED, NONE
    }

    public long unhealthy() {
        return entries.stream().filter(Entry::problem).count();
    }

    public long unknown() {
        return entries.stream().filter(e -> e.state() == Health.UNKNOWN).count();
    }

    /** The one-line verdict on the channel: "All 5 watched targets healthy" / "2 of 5 watched targets down". */
    public String overall() {
        int n = entries.size();
        if (n == 0) {
            return "No watches in this channel yet: add one with /netcheck watch add vip HOST:PORT";
        }
        long down = unhealthy();
        String targets = n == 1 ? "watched target" : "watched targets";
        if (down == 0) {
            long unknown = unknown();
            return unknown == 0 ? "All " + n + " " + targets + " healthy"
                    : (n - unknown) + " of " + n + " " + targets + " healthy, " + unknown + " not yet checked enough";
        }
        return down + " of " + n + " " + targets + " down";
    }
}
