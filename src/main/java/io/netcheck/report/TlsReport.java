package io.netcheck.report;

import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TlsObservation;
import io.netcheck.check.TlsRequest;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.verdict.tls.TlsWords;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code tls}: the connect, then the handshake with the chain as s_client shows it. */
public final class TlsReport {
    private TlsReport() {
    }

    public static Report of(TlsEvidence e, Verdict verdict) {
        List<Step> steps = new ArrayList<>();
        steps.add(TcpReport.connectStep(e.attempt(), "Does a TCP connection to " + e.request().target().label()
                + " open?"));
        steps.add(e.handshake() == null
                ? new Step("tls", "TLS handshake and certificate chain", StepStatus.SKIPPED, "NOT_REACHED",
                "not reached: the TCP connection did not open", List.of(), List.of(), List.of())
                : handshakeStep(e.handshake()));
        return new Report(command(e.request()), e.request().target().label(), e.startedAt(), e.elapsed(), verdict, steps,
                e.capture(), e);
    }

    public static String command(TlsRequest r) {
        return "tls " + r.target().label() + (r.sni() != null ? " --sni " + r.sni() : "") + " --warn-days "
                + r.warnDays() + " --timeout " + r.timeout().toMillis() + "ms";
    }

    /** The handshake step, shared with http for https hops. */
    public static Step handshakeStep(TlsObservation o) {
        var t = o.tls();
        List<Fact> facts = new ArrayList<>();
        if (!t.established()) {
            facts.add(new Fact("error", t.error()));
            return new Step("tls", "TLS handshake and certificate chain", StepStatus.FAIL, "HANDSHAKE_FAILED",
                    TlsWords.handshake(t), facts, List.of(), List.of());
        }
        facts.add(new Fact("protocol", t.protocol()));
        facts.add(new Fact("cipher", t.cipherSuite()));
        facts.add(new Fact("sni", t.sni() == null ? "none sent (the target is an address)" : t.sni()));
        int depth = 0;
        for (CertificateInfo c : t.chain()) {
            facts.add(new Fact("certificate " + depth++, TlsWords.certificate(c)));
        }
        facts.add(new Fact("expiry", o.daysLeft() == null ? "no certificate"
                : o.daysLeft() < 0 ? "EXPIRED " + (-o.daysLeft()) + " days ago" : o.daysLeft() + " days left"
                + (o.expiresSoon() ? " (within the " + o.warnDays() + "-day warning window)" : "")));
        facts.add(new Fact("trust", t.trusted() ? "chain trusted (" + o.findings().trustStore() + ")"
                : "chain NOT trusted: " + t.trustProblem()));
        facts.add(new Fact("name", t.nameMatches() == null ? "not checked"
                : t.nameMatches() ? "certificate covers " + TlsWords.checkedName(o)
                : "certificate does NOT cover " + TlsWords.checkedName(o)));
        var problems = o.findings() == null ? List.<CertificateFindings.Problem>of() : o.findings().problems();
        if (o.findings() != null && o.findings().notYetValid() != null) {
            facts.add(new Fact("validity", "NOT VALID BEFORE " + o.findings().notYetValid().notBefore() + " ("
                    + o.findings().notYetValid().subject() + ")"));
        }
        if (o.findings() != null) {
            o.findings().weaknesses().forEach(w -> facts.add(new Fact("weak", "certificate " + w.depth() + ": "
                    + w.problem())));
        }
        StepStatus status = !problems.isEmpty() ? StepStatus.FAIL : o.expiresSoon() ? StepStatus.WARN : StepStatus.PASS;
        String outcome = !problems.isEmpty() ? problems.get(0).name() : o.expiresSoon() ? "EXPIRES_SOON" : "OK";
        return new Step("tls", "TLS handshake and certificate chain", status, outcome, TlsWords.handshake(t), facts,
                List.of(), List.of());
    }
}
