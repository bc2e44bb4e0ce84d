package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.CaptureRun;
import io.netcheck.check.Arrival;
import io.netcheck.check.ListenEvidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code listen}: the listener, then one fact per connection that arrived. */
public final class ListenReport {
    private ListenReport() {
    }

    public static Report of(ListenEvidence e, Verdict verdict) {
        List<Fact> facts = new ArrayList<>();
        String summary;
        StepStatus status;
        String outcome;
        if (e.problem() != null) {
            summary = e.problem();
            status = StepStatus.FAIL;
            outcome = "PORT_IN_USE";
            if (e.holder() != null && !e.holder().isEmpty()) {
                facts.add(new Fact("held by", e.holder()));
            }
        } else {
            facts.add(new Fact("listened", e.bound() + " for " + Describe.ms(e.elapsed()) + " (--for "
                    + e.request().duration().toSeconds() + "s)"));
            for (Arrival a : e.arrivals()) {
                facts.add(new Fact("connection", a.at() + " from " + AddressText.of(a.from().getAddress()) + "."
                        + a.from().getPort() + " to " + AddressText.of(a.local().getAddress())
                        + (a.firstBytes().isEmpty() ? "" : ", sent \"" + a.firstBytes() + "\"")));
            }
            if (e.truncated()) {
                facts.add(new Fact("note", "more connections arrived than the " + e.arrivals().size() + " shown"));
            }
            summary = e.arrivals().size() + " connection" + (e.arrivals().size() == 1 ? "" : "s") + " arrived";
            status = e.arrivals().isEmpty() ? StepStatus.FAIL : StepStatus.PASS;
            outcome = e.arrivals().size() + " ARRIVED";
        }
        Step step = new Step("listen", "Does anything reach port " + e.request().port() + " of " + e.host() + "?",
                status, outcome, summary, facts, List.of(), List.of());
        return new Report("listen " + e.request().port() + " --for " + e.request().duration().toSeconds() + "s",
                e.host() + ":" + e.request().port(), e.startedAt(), e.elapsed(), verdict, List.of(step),
                CaptureRun.notApplicable("not taken for listen: the accepted connections are the evidence"), e);
    }
}
