package io.netcheck.slack;

import io.netcheck.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * Finished reports kept a while for the "Post to incident channel" button, with their .pcap bytes (the file
 * itself is deleted once uploaded). Bounded in count and age: a report older than that must be run again.
 */
final class KeptReports {
    record Kept(Report report, EvidenceThread.Pcap pcap, String channel, String ts, String userId, Instant at) {
    }

    private final Clock clock;
    private final Duration keep;
    private final int max;
    private final LinkedHashMap<String, Kept> kept = new LinkedHashMap<>();

    KeptReports(Clock clock, Duration keep, int max) {
        this.clock = clock;
        this.keep = keep;
        this.max = max;
    }

    synchronized String put(Report report, EvidenceThread.Pcap pcap, String channel, String ts, String userId) {
        String id = UUID.randomUUID().toString();
        kept.put(id, new Kept(report, pcap, channel, ts, userId, clock.instant()));
        while (kept.size() > max) {
            kept.remove(kept.keySet().iterator().next());
        }
        return id;
    }

    /** Notes where a report kept before posting ended up (the link back from an incident channel). */
    synchronized void posted(String id, String ts) {
        Kept k = kept.get(id);
        if (k != null) {
            kept.put(id, new Kept(k.report(), k.pcap(), k.channel(), ts, k.userId(), k.at()));
        }
    }

    synchronized Kept get(String id) {
        Instant oldest = clock.instant().minus(keep);
        kept.values().removeIf(k -> k.at().isBefore(oldest));
        return id == null ? null : kept.get(id);
    }

    Duration keep() {
        return keep;
    }

    synchronized int size() {
        return kept.size();
    }

}
