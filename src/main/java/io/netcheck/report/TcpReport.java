package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.Attribution;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpEvidence;
import io.netcheck.check.TcpRequest;
import io.netcheck.check.TcpState;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays out the telnet test: one step, the connection attempt, with its packets. */
public final class TcpReport {
    private TcpReport() {
    }

    public static Report of(TcpEvidence e, Verdict verdict) {
        return new Report(command(e.request()), e.request().target().label(), e.startedAt(), e.elapsed(), verdict,
                List.of(connectStep(e.attempt(), "Does a TCP connection to " + e.request().target().label()
                        + " open?")), e.capture(), e);
    }

    public static String command(TcpRequest r) {
        return "tcp " + r.target().label() + " --timeout " + r.timeout().toMillis() + "ms";
    }

    /**
     * The connect step shared by tcp, tls and http, with the target host's own answers (the reference for who
     * answered the SYN) as its sub-step.
     */
    public static Step connectStep(ConnectAttempt a, String title) {
        TcpState s = a.state();
        StepStatus status = a.connected() ? StepStatus.PASS : StepStatus.FAIL;
        return new Step("connect", title, status, TcpState.outcome(s, a.wire()), ConnectWords.connect(a),
                connectFacts(a), a.packets(), a.address() == null ? List.of()
                : List.of(HostStep.of(a.host(), "target-host", ConnectAttempt.WHOSE)));
    }

    public static List<Fact> connectFacts(ConnectAttempt a) {
        List<Fact> facts = new ArrayList<>();
        Resolution r = a.resolution();
        if (r != null && r.status() != ResolutionStatus.LITERAL) {
            facts.add(new Fact("resolved", r.status().failed() ? r.name() + ": " + r.error()
                    : r.name() + " → " + r.addresses().stream().map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")) + " in " + Describe.ms(r.elapsed())
                    + (r.servers().isEmpty() ? "" : " via " + String.join(", ", r.servers()))));
        }
        if (a.connect() != null && a.connect().local() != null) {
            facts.add(new Fact("from", AddressText.of(a.connect().local().getAddress()) + "."
                    + a.connect().local().getPort() + " via " + a.interfaceName()));
        }
        String answered = ConnectWords.answeredBy(a);
        if (answered != null) {
            facts.add(new Fact("answered by", answered));
            // Who that was, judged against the target host's own packets (the host, a device forging in its name).
            if (a.origin().origin() != Attribution.Origin.NO_ANSWER) {
                a.origin().reasons().forEach(why -> facts.add(new Fact("answered by", why)));
            }
        } else if (a.connect() != null && !a.packets().isEmpty() && a.wire().synsSent() > 0 && !a.connected()) {
            facts.add(new Fact("answered by", "nobody: " + a.wire().synsSent() + " SYN"
                    + (a.wire().synsSent() == 1 ? "" : "s") + " went unanswered"));
        }
        if (a.connect() != null) {
            facts.add(new Fact("time", Describe.ms(a.connect().elapsed()) + (a.state() == TcpState.TIMEOUT
                    ? " (the --timeout limit)" : "")));
            if (a.connect().error() != null) {
                facts.add(new Fact("socket", a.connect().error()));
            }
        }
        if (a.problem() != null) {
            facts.add(new Fact("problem", a.problem()));
        }
        return facts;
    }
}
