package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.tls.TlsRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.Pipeline;
import io.netcheck.check.TlsCheck;
import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TlsRequest;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.Report;
import io.netcheck.report.TlsReport;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** {@code tls HOST:PORT}: the openssl s_client test. */
public final class TlsKind implements CheckKind<TlsRequest, TlsEvidence> {
    public static final String USAGE = """
            usage: tls HOST:PORT [--sni NAME] [--warn-days 14] [--timeout 3s] [--json] [--no-capture] [--pcap FILE]
              the openssl s_client test: protocol, cipher, the certificate chain (subject, issuer, names,
              expiry); calls out expired, soon-expiring, wrong-name and untrusted certificates
              --sni NAME        server name to send (default: HOST when it is a name; none for an address)
              --warn-days 14    call out a certificate that expires within this many days
              --timeout 3s      how long the connect and handshake may take
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    @Override
    public TlsRequest resolved(TlsRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "tls";
    }

    @Override
    public String summary() {
        return "tls HOST:PORT [--sni N]   the openssl s_client test: protocol, cipher, chain, expiry, trust";
    }

    @Override
    public List<String> examples() {
        return List.of("tls shop.example:443 --warn-days 30");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of("--no-capture"), Set.of("--timeout", "--pcap", "--sni", "--warn-days"));
    }

    @Override
    public TlsRequest parse(Words w) throws UsageException {
        String target = w.onePositional("which target? give HOST:PORT, e.g. tls shop.example:443",
                "only one target per check");
        String sni = w.value("--sni");
        if (sni != null) {
            Targets.validateName(sni, "--sni");
        }
        int warnDays = w.limits().certWarnDays();
        if (w.value("--warn-days") != null) {
            String v = w.value("--warn-days");
            if (!v.matches("[0-9]{1,4}") || Integer.parseInt(v) > 3650) {
                throw w.error("--warn-days '" + Targets.shown(v) + "' must be a number of days from 0 to 3650");
            }
            warnDays = Integer.parseInt(v);
        }
        return new TlsRequest(Targets.parse(target, "target"), sni, warnDays, w.timeout(), !w.flag("--no-capture"),
                w.pcap());
    }

    @Override
    public List<HostPort> targets(TlsRequest request) {
        return List.of(request.target());
    }

    @Override
    public Probe<TlsRequest, TlsEvidence> probe(Pipeline p) {
        TlsCheck check = new TlsCheck(p.targeting(), p.runner(), p.captureRun(), p.clock(), p.certificates());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<TlsEvidence>> rules() {
        return TlsRules.TLS;
    }

    @Override
    public CaptureSummary capture(TlsEvidence evidence) {
        return evidence.capture();
    }

    @Override
    public String unmatched(TlsEvidence evidence) {
        return ConnectWords.connect(evidence.attempt()) + ".";
    }

    @Override
    public Report report(TlsEvidence evidence, Verdict verdict) {
        return TlsReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(TlsEvidence evidence) {
        return new ProbedAddresses().add(evidence.attempt()).list();
    }
}
