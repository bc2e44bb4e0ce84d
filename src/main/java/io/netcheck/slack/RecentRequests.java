package io.netcheck.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers request ids (trigger_id) for a while so a delivery Slack repeats — HTTP retries,
 * Socket Mode retry_attempt — never starts a second run. Bounded in size and time.
 */
final class RecentRequests {
    private final Clock clock;
    private final Duration ttl;
    private final int max;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    RecentRequests(Clock clock, Duration ttl, int max) {
        this.clock = clock;
        this.ttl = ttl;
        this.max = max;
    }

    /** @return true the first time an id is seen within the window */
    synchronized boolean firstTime(String id) {
        if (id == null || id.isBlank()) {
            return true;
        }
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().plus(ttl).isAfter(now) && seen.size() <= max) {
                break;
            }
            it.remove();
        }
        return seen.putIfAbsent(id, now) == null;
    }
}
