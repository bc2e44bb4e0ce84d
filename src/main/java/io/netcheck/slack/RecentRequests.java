package io.netcheck.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Remembers request ids (trigger_id) for a while so a delivery Slack repeats — HTTP retries,
 * Socket Mode retry_attempt — never starts a second run. Bounded in size and time (a Caffeine cache on the
 * injected ticker, so tests advance time instead of waiting). An id new here is then taken in the
 * {@link DeliveryLedger} shared by the replicas; when that cannot answer, the delivery runs: a store outage must
 * not swallow commands (a double run is the lesser harm).
 */
final class RecentRequests {
    private static final Logger LOG = Logger.getLogger(RecentRequests.class);
    private final Cache<String, Boolean> seen;
    private final DeliveryLedger ledger;

    RecentRequests(Ticker ticker, Duration ttl, int max) {
        this(ticker, ttl, max, DeliveryLedger.NONE);
    }

    RecentRequests(Ticker ticker, Duration ttl, int max, DeliveryLedger ledger) {
        this.seen = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(ttl).maximumSize(max)
                .executor(Runnable::run).build();
        this.ledger = ledger;
    }

    /** @return true the first time an id is seen within the window */
    boolean firstTime(String id) {
        if (id == null || id.isBlank()) {
            return true;
        }
        if (seen.asMap().putIfAbsent(id, Boolean.TRUE) != null) {
            return false;
        }
        try {
            return ledger.take(id);
        } catch (Exception e) {
            LOG.warnf("delivery %s not checked against the other replicas (%s): running it", id, e.getMessage());
            return true;
        }
    }
}
