package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.PingEvidence;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.probe.raw.EchoReply;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.ping.PingWords;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code ping}: one step, a fact per echo request, and the frames. */
public final class PingReport {
    private PingReport() {
    }

    public static Report of(PingEvidence e, Verdict verdict) {
        List<Fact> facts = new ArrayList<>();
        if (e.resolution() != null && e.resolution().status() != ResolutionStatus.LITERAL) {
            facts.add(new Fact("resolved", e.resolution().status().failed() ? e.resolution().error()
                    : e.request().host() + " → " + (e.address() == null ? "?" : AddressText.of(e.address()))));
        }
        if (e.result() != null && e.result().nextHop() != null) {
            facts.add(new Fact("next hop", AddressText.of(e.result().nextHop()) + " (" + e.result().nextHopMac()
                    + (e.result().arpSent() ? ", asked by ARP" : ", from the ARP cache") + ") via " + e.result().iface()));
        }
        for (EchoReply r : e.replies()) {
            facts.add(new Fact("seq " + r.seq(), r.answered() ? "reply in " + Describe.ms(r.rtt()) + ", TTL "
                    + r.replyTtl() : r.errorFrom() != null ? PingWords.error(r) : "no reply"));
        }
        if (e.sent() > 0) {
            facts.add(new Fact("statistics", PingWords.stats(e)));
        }
        if (e.problem() != null) {
            facts.add(new Fact("problem", e.problem()));
        }
        StepStatus status = e.sent() == 0 || e.received() == 0 ? StepStatus.FAIL
                : e.received() < e.sent() ? StepStatus.WARN : StepStatus.PASS;
        String outcome = e.sent() == 0 ? "NOT_SENT" : e.received() == 0 && e.firstError() != null ? "ICMP_ERROR"
                : e.lossPercent() + "% LOSS";
        Step step = new Step("ping", "Does " + e.request().host() + " answer ICMP echo?", status, outcome,
                e.sent() == 0 ? String.valueOf(e.problem()) : PingWords.stats(e), facts, e.packets(), List.of());
        return new Report("ping " + e.request().host() + " --count " + e.request().count() + " --timeout "
                + e.request().timeout().toMillis() + "ms", e.request().host(), e.startedAt(), e.elapsed(), verdict,
                List.of(step), e.capture(), e);
    }
}
