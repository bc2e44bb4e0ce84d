package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.MtuEvidence;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.verdict.mtu.MtuWords;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code mtu}: one step, a fact per size tried (largest first), and the frames. */
public final class MtuReport {
    private MtuReport() {
    }

    public static Report of(MtuEvidence e, Verdict verdict) {
        List<Fact> facts = new ArrayList<>();
        if (e.resolution() != null && e.resolution().status() != ResolutionStatus.LITERAL) {
            facts.add(new Fact("resolved", e.resolution().status().failed() ? e.resolution().error()
                    : e.request().host() + " → " + (e.address() == null ? "?" : AddressText.of(e.address()))));
        }
        if (e.result() != null) {
            facts.addAll(PathMtuStep.facts(e.result()));
        } else if (e.problem() != null) {
            facts.add(new Fact("problem", e.problem()));
        }
        String outcome = e.result() == null ? "NOT_SENT" : PathMtuStep.outcome(e.result());
        String summary = e.sent() ? MtuWords.summary(e.result()) : String.valueOf(e.problem());
        Step step = new Step("mtu", "What is the path MTU to " + e.request().host() + "?",
                PathMtuStep.status(e.result()), outcome, summary, facts, e.packets(), List.of());
        return new Report("mtu " + e.request().host() + " --timeout " + e.request().timeout().toMillis() + "ms",
                e.request().host(), e.startedAt(), e.elapsed(), verdict, List.of(step), e.capture(), e);
    }
}
