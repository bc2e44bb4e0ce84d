package io.netcheck.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.report.Report;
import io.netcheck.store.KeptRow;
import io.netcheck.store.WatchStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kept reports in the watch store, so that a button click handled by another replica, or after a restart, finds
 * its report. The report travels as JSON without its typed evidence (the incident post does not use it); the .pcap
 * as bytes.
 */
final class SharedKeptReports {
    private final Supplier<WatchStore> store;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keep;
    private final int max;

    SharedKeptReports(Supplier<WatchStore> store, ObjectMapper json, Clock clock, Duration keep, int max) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.keep = keep;
        this.max = max;
    }

    void keep(String id, KeptReports.Kept k) throws Exception {
        Report r = k.report();
        // The store's row holds one .pcap: netcheck's own. With vip --from the agent's side goes to Slack with the
        // run, and a button handled by another replica (or after a restart) posts netcheck's only.
        EvidenceThread.Pcap first = k.pcaps().isEmpty() ? null : k.pcaps().get(0);
        String report = json.writeValueAsString(new Report(r.command(), r.target(), r.startedAt(), r.elapsed(),
                r.verdict(), r.steps(), r.capture(), null));
        store.get().keep(new KeptRow(id, k.at(), k.channel(), k.ts(), k.userId(), report,
                first == null ? null : first.name(), first == null ? null : first.bytes()), keep, max);
    }

    Optional<KeptReports.Kept> get(String id) throws Exception {
        Optional<KeptRow> row = store.get().kept(id, clock.instant(), keep);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        KeptRow k = row.get();
        return Optional.of(new KeptReports.Kept(json.readValue(k.reportJson(), Report.class),
                k.pcapName() == null ? List.of() : List.of(new EvidenceThread.Pcap(k.pcapName(), k.pcap())), k.channel(), k.ts(),
                k.userId(), k.keptAt()));
    }

    void posted(String id, String ts) throws Exception {
        store.get().keptPosted(id, ts);
    }
}
