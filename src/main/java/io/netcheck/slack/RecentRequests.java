package io.netcheck.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Remembers request ids (trigger_id) for a while so a delivery Slack repeats — HTTP retries,
 * Socket Mode retry_attempt — never starts a second run. Bounded in size and time (a Caffeine cache on the
 * injected ticker, so tests advance time instead of waiting).
 */
final class RecentRequests {
    private final Cache<String, Boolean> seen;

    RecentRequests(Ticker ticker, Duration ttl, int max) {
        this.seen = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(max)
                .executor(Runnable::run).build();
    }

    /** @return true the first time an id is seen within the window */
    boolean firstTime(String id) {
        if (id == null || id.isBlank()) {
            return true;
        }
        return seen.asMap().putIfAbsent(id, Boolean.TRUE) == null;
    }
}
