package io.netcheck.slack;

import io.netcheck.report.Report;
import java.util.List;

/**
 * Evidence into an incident channel ({@code --to}, the "Post to incident channel" button): the verdict with a
 * link back to where the check ran, then the same evidence thread and .pcap.
 */
final class IncidentPost {
    private IncidentPost() {
    }

    /** @return the ts of the incident channel's root message */
    static String post(EvidenceThread thread, String incidentChannel, Report report, List<EvidenceThread.Pcap> pcaps,
                       String originChannel, String originTs, String userId, Shortfall failures)
            throws SlackFailure, InterruptedException {
        String link = originTs == null ? null : thread.permalink(originChannel, originTs);
        String ts = thread.root(incidentChannel, "netcheck evidence: " + SlackBlocks.verdictText(report),
                SlackBlocks.incidentRoot(report, originChannel, link, userId));
        thread.evidence(incidentChannel, ts, report, pcaps, false, failures);
        return ts;
    }
}
