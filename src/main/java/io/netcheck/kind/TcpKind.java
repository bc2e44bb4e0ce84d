package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.tcp.TcpRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.Pipeline;
import io.netcheck.check.TcpCheck;
import io.netcheck.check.TcpEvidence;
import io.netcheck.check.TcpRequest;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.Report;
import io.netcheck.report.TcpReport;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** {@code tcp HOST:PORT}: the telnet test. */
public final class TcpKind implements CheckKind<TcpRequest, TcpEvidence> {
    public static final String USAGE = """
            usage: tcp HOST:PORT [--timeout 3s] [--json] [--no-capture] [--pcap FILE]
              the telnet test: does a TCP connection open? connected / refused / timeout / ICMP unreachable,
              who answered, and the packets that prove it
              --timeout 3s      how long to wait for the handshake
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    @Override
    public TcpRequest resolved(TcpRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "tcp";
    }

    @Override
    public String summary() {
        return "tcp HOST:PORT             the telnet test: does a TCP connection open, and who answered?";
    }

    @Override
    public List<String> examples() {
        return List.of("tcp db.internal:5432 --timeout 2s");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of("--no-capture"), Set.of("--timeout", "--pcap"));
    }

    @Override
    public TcpRequest parse(Words w) throws UsageException {
        String target = w.onePositional("which target? give HOST:PORT, e.g. tcp 10.0.0.5:443", "only one target per check");
        return new TcpRequest(Targets.parse(target, "target"), w.timeout(), !w.flag("--no-capture"), w.pcap());
    }

    @Override
    public List<HostPort> targets(TcpRequest request) {
        return List.of(request.target());
    }

    @Override
    public Probe<TcpRequest, TcpEvidence> probe(Pipeline p) {
        TcpCheck check = new TcpCheck(p.targeting(), p.runner(), p.captureRun(), p.clock());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<TcpEvidence>> rules() {
        return TcpRules.TCP;
    }

    @Override
    public CaptureSummary capture(TcpEvidence evidence) {
        return evidence.capture();
    }

    @Override
    public String unmatched(TcpEvidence evidence) {
        return ConnectWords.connect(evidence.attempt()) + ".";
    }

    @Override
    public Report report(TcpEvidence evidence, Verdict verdict) {
        return TcpReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(TcpEvidence evidence) {
        return new ProbedAddresses().add(evidence.attempt()).list();
    }
}
