package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.probe.Addresses;
import io.netcheck.check.CaptureRun;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.DnsRequest;
import io.netcheck.check.ResolverResult;
import io.netcheck.probe.dns.DnsAnswer;
import io.netcheck.probe.dns.DnsRecordText;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.dns.DnsWords;
import io.netcheck.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/** Lays out {@code dns}: one step per resolver asked, then the made-up-name test and the expectation. */
public final class DnsReport {
    /** DNS packets are not captured: the replies themselves are the evidence. */
    public static final String NO_CAPTURE = "not taken for dns: each resolver's reply (rcode, records, TTLs, time) "
            + "is the evidence";

    private DnsReport() {
    }

    public static Report of(DnsEvidence e, Verdict verdict) {
        List<Step> steps = new ArrayList<>();
        int n = 0;
        for (ResolverResult r : e.system()) {
            n++;
            steps.add(resolver(n == 1 ? "system" : "system-" + n, "What does the system resolver " + r.server()
                    + " say?", r, e));
        }
        if (e.named() != null) {
            steps.add(resolver("named", "What does " + e.named().server() + " say?", e.named(), e));
        }
        if (e.problem() != null) {
            steps.add(new Step("system", "Which resolver does this host use?", StepStatus.FAIL, "NO_RESOLVER",
                    e.problem(), List.of(), List.of(), List.of()));
        }
        steps.add(invented(e));
        if (e.request().expect() != null) {
            steps.add(expect(e));
        }
        return new Report(command(e.request()), e.request().name(), e.startedAt(), e.elapsed(), verdict, steps,
                CaptureRun.notApplicable(NO_CAPTURE), e);
    }

    public static String command(DnsRequest r) {
        StringBuilder sb = new StringBuilder("dns ").append(r.name()).append(' ').append(r.type());
        if (r.server() != null) {
            sb.append(" @").append(AddressText.of(r.server().getAddress()));
            if (r.server().getPort() != 53) {
                sb.append(':').append(r.server().getPort());
            }
        }
        if (r.expect() != null) {
            sb.append(" --expect ").append(AddressText.of(r.expect()));
        }
        return sb.append(" --timeout ").append(r.timeout().toMillis()).append("ms").toString();
    }

    private static Step resolver(String name, String title, ResolverResult r, DnsEvidence e) {
        DnsAnswer a = r.answer();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("question", e.qname() + " " + e.request().type()));
        if (!a.answered()) {
            facts.add(new Fact("time", Describe.ms(a.elapsed()) + " (the --timeout limit is "
                    + e.request().timeout().toMillis() + " ms)"));
            return new Step(name, title, StepStatus.FAIL, "NO_ANSWER", r.server() + ": " + a.error(), facts, List.of(),
                    List.of());
        }
        facts.add(new Fact("rcode", a.rcode()));
        facts.add(new Fact("flags", String.join(" ", a.flags())));
        for (DnsRecordText rec : a.answers()) {
            facts.add(new Fact("answer", rec.toString()));
        }
        for (DnsRecordText rec : a.authority()) {
            facts.add(new Fact("authority", rec.toString()));
        }
        facts.add(new Fact("time", Describe.ms(a.elapsed())));
        StepStatus status = a.noError() && !a.ofAskedType().isEmpty() ? StepStatus.PASS
                : a.noError() ? StepStatus.WARN : StepStatus.FAIL;
        return new Step(name, title, status, a.rcode(), DnsWords.answer(r), facts, List.of(), List.of());
    }

    private static Step invented(DnsEvidence e) {
        String title = "Does a resolver invent answers for names that do not exist?";
        if (e.canaryName() == null || e.all().isEmpty()) {
            return new Step("invented", title, StepStatus.SKIPPED, "NOT_ASKED",
                    e.canaryName() == null ? "not asked for " + e.request().type() + " " + e.qname() : "no resolver",
                    List.of(), List.of(), List.of());
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("made-up name", e.canaryName() + " A"));
        boolean any = false;
        for (ResolverResult r : e.all()) {
            if (r.canary() != null) {
                facts.add(new Fact(r.server(), DnsWords.answer(r.canary())));
                any |= r.invents();
            }
        }
        return new Step("invented", title, any ? StepStatus.FAIL : StepStatus.PASS, any ? "INVENTS" : "NO",
                any ? "a resolver answered for a name that cannot exist" : "every resolver says the made-up name does "
                        + "not exist, as it should", facts, List.of(), List.of());
    }

    private static Step expect(DnsEvidence e) {
        String expected = AddressText.of(e.request().expect());
        ResolverResult r = e.primary();
        boolean ok = r != null && e.answering().stream().allMatch(x -> x.answer().data().stream()
                .anyMatch(d -> expected.equals(normalise(d))));
        return new Step("expect", "Does it resolve to " + expected + "?", ok ? StepStatus.PASS : StepStatus.FAIL,
                ok ? "AS_EXPECTED" : "UNEXPECTED", r == null ? "no answer to compare"
                : "answers: " + DnsWords.data(r.answer()), List.of(), List.of(), List.of());
    }

    private static String normalise(String data) {
        var a = Addresses.literal(data);
        return a == null ? data : AddressText.of(a);
    }
}
