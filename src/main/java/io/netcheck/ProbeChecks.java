package io.netcheck;

import io.netcheck.check.DnsCheck;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.HttpCheck;
import io.netcheck.check.MtuCheck;
import io.netcheck.check.MtuEvidence;
import io.netcheck.check.PingCheck;
import io.netcheck.report.MtuReport;
import io.netcheck.verdict.MtuWords;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.TraceCheck;
import io.netcheck.check.TraceEvidence;
import io.netcheck.report.TraceReport;
import io.netcheck.report.PingReport;
import io.netcheck.verdict.PingWords;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.TcpCheck;
import io.netcheck.report.HttpReport;
import io.netcheck.verdict.HttpWords;
import io.netcheck.check.TlsCheck;
import io.netcheck.check.TlsEvidence;
import io.netcheck.report.TlsReport;
import io.netcheck.report.DnsReport;
import io.netcheck.verdict.DnsWords;
import io.netcheck.check.TcpEvidence;
import io.netcheck.command.Command;
import io.netcheck.check.ListenCheck;
import io.netcheck.check.ListenEvidence;
import io.netcheck.check.ListenersCheck;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.report.ListenReport;
import io.netcheck.report.ListenersReport;
import io.netcheck.report.Report;
import io.netcheck.report.TcpReport;
import io.netcheck.verdict.CommandVerdicts;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.ProbeRules;

/**
 * Runs the single-probe commands end to end — evidence, verdict from the command's rule table, report —
 * for whichever front end asked.
 */
public class ProbeChecks {
    private final TcpCheck tcp;
    private final DnsCheck dns;
    private final TlsCheck tls;
    private final HttpCheck http;
    private final ListenersCheck listeners;
    private final ListenCheck listen;
    private final PingCheck ping;
    private final TraceCheck trace;
    private final MtuCheck mtu;
    private final CommandVerdicts verdicts;

    public ProbeChecks(TcpCheck tcp, DnsCheck dns, TlsCheck tls, HttpCheck http, ListenersCheck listeners,
                       ListenCheck listen, PingCheck ping, TraceCheck trace, MtuCheck mtu, CommandVerdicts verdicts) {
        this.mtu = mtu;
        this.ping = ping;
        this.trace = trace;
        this.tcp = tcp;
        this.dns = dns;
        this.tls = tls;
        this.http = http;
        this.listeners = listeners;
        this.listen = listen;
        this.verdicts = verdicts;
    }

    public Report run(Command.Single command) throws InterruptedException {
        if (command instanceof Command.Tcp c) {
            TcpEvidence e = tcp.run(c.request());
            return TcpReport.of(e, verdicts.decide(ProbeRules.TCP, e, e.capture(),
                    x -> ConnectWords.connect(x.attempt()) + "."));
        }
        if (command instanceof Command.Dns c) {
            DnsEvidence e = dns.run(c.request());
            return DnsReport.of(e, verdicts.decide(ProbeRules.DNS, e, null,
                    x -> x.all().stream().map(DnsWords::answer).reduce((a, b) -> a + "; " + b).orElse("no answer")));
        }
        if (command instanceof Command.Tls c) {
            TlsEvidence e = tls.run(c.request());
            return TlsReport.of(e, verdicts.decide(ProbeRules.TLS, e, e.capture(),
                    x -> ConnectWords.connect(x.attempt()) + "."));
        }
        if (command instanceof Command.Http c) {
            HttpEvidence e = http.run(c.request());
            return HttpReport.of(e, verdicts.decide(ProbeRules.HTTP, e, e.capture(),
                    x -> x.hops().stream().map(HttpWords::hop).reduce((a, b) -> a + "; " + b).orElse("") + "."));
        }
        if (command instanceof Command.Listeners c) {
            ListenersEvidence e = listeners.run(c.request());
            return ListenersReport.of(e, verdicts.decide(ProbeRules.LISTENERS, e, null,
                    x -> x.relevant().size() + " listening sockets"));
        }
        if (command instanceof Command.Listen c) {
            ListenEvidence e = listen.run(c.request());
            return ListenReport.of(e, verdicts.decide(ProbeRules.LISTEN, e, null,
                    x -> x.arrivals().size() + " connections"));
        }
        if (command instanceof Command.Ping c) {
            PingEvidence e = ping.run(c.request());
            return PingReport.of(e, verdicts.decide(ProbeRules.PING, e, null, PingWords::stats));
        }
        if (command instanceof Command.Mtu c) {
            MtuEvidence e = mtu.run(c.request());
            return MtuReport.of(e, verdicts.decide(ProbeRules.MTU, e, null,
                    x -> x.result() == null ? String.valueOf(x.problem()) : MtuWords.summary(x.result()) + "."));
        }
        if (command instanceof Command.Trace c) {
            TraceEvidence e = trace.run(c.request());
            return TraceReport.of(e, verdicts.decide(ProbeRules.TRACE, e, null, x -> x.hops().size() + " hops"));
        }
        throw new IllegalArgumentException("not a single-probe command: " + command);
    }
}
