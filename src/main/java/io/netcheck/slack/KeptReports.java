package io.netcheck.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netcheck.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Finished reports kept a while for the "Post to incident channel" button, with their .pcap bytes (the file
 * itself is deleted once uploaded). Bounded in count and age (a Caffeine cache on the injected ticker): a report
 * older than that must be run again. With the store on, also kept there ({@link SharedKeptReports}), so that any
 * replica and a restarted one find it; when the store fails, this replica's memory still serves.
 */
final class KeptReports {
    private static final Logger LOG = Logger.getLogger(KeptReports.class);
    record Kept(Report report, List<EvidenceThread.Pcap> pcaps, String channel, String ts, String userId, Instant at) {
    }

    private final Clock clock;
    private final Duration keep;
    private final Cache<String, Kept> kept;
    private final SharedKeptReports shared; // null: this replica only

    /** @param clock stamps when a report was kept; @param ticker ages the entries */
    KeptReports(Clock clock, Ticker ticker, Duration keep, int max) {
        this(clock, ticker, keep, max, null);
    }

    KeptReports(Clock clock, Ticker ticker, Duration keep, int max, SharedKeptReports shared) {
        this.clock = clock;
        this.keep = keep;
        this.shared = shared;
        // Aged from when it was kept (noting where it was posted does not renew it). Same-thread maintenance:
        // evictions are done when put returns, so the bound holds at every moment.
        this.kept = Caffeine.newBuilder().ticker(ticker).expireAfter(Expiry.<String, Kept>creating((id, k) -> keep))
                .maximumSize(max)
                .executor(Runnable::run).build();
    }

    String put(Report report, List<EvidenceThread.Pcap> pcaps, String channel, String ts, String userId) {
        String id = UUID.randomUUID().toString();
        Kept k = new Kept(report, pcaps == null ? List.of() : List.copyOf(pcaps), channel, ts, userId, clock.instant());
        kept.put(id, k);
        if (shared != null && report != null) {
            try {
                shared.keep(id, k);
            } catch (Exception e) {
                LOG.warnf("report %s kept on this replica only (store: %s)", id, e.getMessage());
            }
        }
        return id;
    }

    /** Notes where a report kept before posting ended up (the link back from an incident channel). Keeps its age. */
    void posted(String id, String ts) {
        kept.asMap().computeIfPresent(id, (key, k) -> new Kept(k.report(), k.pcaps(), k.channel(), ts, k.userId(),
                k.at()));
        if (shared != null) {
            try {
                shared.posted(id, ts);
            } catch (Exception e) {
                LOG.warnf("where report %s was posted is known on this replica only (store: %s)", id, e.getMessage());
            }
        }
    }

    /** This replica's memory first, then the store (kept by another replica, or before a restart). */
    Kept get(String id) {
        if (id == null) {
            return null;
        }
        Kept k = kept.getIfPresent(id);
        if (k != null || shared == null) {
            return k;
        }
        try {
            return shared.get(id).orElse(null);
        } catch (Exception e) {
            LOG.warnf("kept report %s not looked up in the store: %s", id, e.getMessage());
            return null;
        }
    }

    Duration keep() {
        return keep;
    }

    int size() {
        kept.cleanUp();
        return (int) kept.estimatedSize();
    }
}
