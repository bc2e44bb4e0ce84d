package io.netcheck.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netcheck.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Finished reports kept a while for the "Post to incident channel" button, with their .pcap bytes (the file
 * itself is deleted once uploaded). Bounded in count and age (a Caffeine cache on the injected ticker): a report
 * older than that must be run again.
 */
final class KeptReports {
    record Kept(Report report, EvidenceThread.Pcap pcap, String channel, String ts, String userId, Instant at) {
    }

    private final Clock clock;
    private final Duration keep;
    private final Cache<String, Kept> kept;

    /** @param clock stamps when a report was kept; @param ticker ages the entries */
    KeptReports(Clock clock, Ticker ticker, Duration keep, int max) {
        this.clock = clock;
        this.keep = keep;
        // Aged from when it was kept (noting where it was posted does not renew it). Same-thread maintenance:
        // evictions are done when put returns, so the bound holds at every moment.
        this.kept = Caffeine.newBuilder().ticker(ticker).expireAfter(Expiry.<String, Kept>creating((id, k) -> keep))
                .maximumSize(max)
                .executor(Runnable::run).build();
    }

    String put(Report report, EvidenceThread.Pcap pcap, String channel, String ts, String userId) {
        String id = UUID.randomUUID().toString();
        kept.put(id, new Kept(report, pcap, channel, ts, userId, clock.instant()));
        return id;
    }

    /** Notes where a report kept before posting ended up (the link back from an incident channel). Keeps its age. */
    void posted(String id, String ts) {
        kept.asMap().computeIfPresent(id, (key, k) -> new Kept(k.report(), k.pcap(), k.channel(), ts, k.userId(),
                k.at()));
    }

    Kept get(String id) {
        return id == null ? null : kept.getIfPresent(id);
    }

    Duration keep() {
        return keep;
    }

    int size() {
        kept.cleanUp();
        return (int) kept.estimatedSize();
    }
}
