package io.netcheck.report;

import io.netcheck.check.CaptureRun;
import io.netcheck.check.Listener;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code listeners}: one fact per socket, netstat -lntup style. */
public final class ListenersReport {
    private ListenersReport() {
    }

    public static Report of(ListenersEvidence e, Verdict verdict) {
        List<Fact> facts = new ArrayList<>();
        for (Listener l : e.relevant()) {
            facts.add(new Fact(l.protocol(), l.socket() + "  " + l.owner() + (l.loopbackOnly()
                    ? "  LOOPBACK ONLY: not reachable from other hosts" : "")));
        }
        if (!e.processesComplete()) {
            facts.add(new Fact("note", "some processes could not be read: run as root to see every socket's owner"));
        }
        Integer port = e.request().port();
        boolean local = !e.loopbackOnly().isEmpty();
        StepStatus status = !e.problems().isEmpty() || (port != null && (e.relevant().isEmpty()
                || e.relevant().stream().allMatch(Listener::loopbackOnly))) ? StepStatus.FAIL
                : local ? StepStatus.WARN : StepStatus.PASS;
        String outcome = !e.problems().isEmpty() ? "UNREADABLE" : e.relevant().isEmpty() ? "NOT_LISTENING"
                : port != null && e.relevant().stream().allMatch(Listener::loopbackOnly) ? "LOOPBACK_ONLY"
                : port != null ? "LISTENING" : e.relevant().size() + " LISTENING";
        String summary = e.relevant().size() + " listening socket" + (e.relevant().size() == 1 ? "" : "s")
                + (port == null ? "" : " on port " + port) + " on " + e.host()
                + (local ? ", " + e.loopbackOnly().size() + " on loopback only" : "");
        Step step = new Step("listeners", port == null ? "What listens on " + e.host() + "?"
                : "What listens on port " + port + " of " + e.host() + "?", status, outcome, summary, facts, List.of(),
                List.of());
        return new Report("listeners" + (port == null ? "" : " " + port), e.host() + (port == null ? "" : ":" + port),
                e.startedAt(), e.elapsed(), verdict, List.of(step),
                CaptureRun.notApplicable("not needed: listeners reads /proc and sends no packets"), e);
    }
}
