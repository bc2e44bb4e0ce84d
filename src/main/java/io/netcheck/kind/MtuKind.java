package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.mtu.MtuRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.MtuCheck;
import io.netcheck.check.MtuEvidence;
import io.netcheck.check.MtuRequest;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Options;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.MtuReport;
import io.netcheck.report.Report;
import io.netcheck.verdict.mtu.MtuWords;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** {@code mtu HOST}: the path MTU, as tracepath / ping -M do measure it. */
public final class MtuKind implements CheckKind<MtuRequest, MtuEvidence> {
    public static final String USAGE = """
            usage: mtu HOST [--timeout 3s] [--json] [--pcap FILE]
              the tracepath / ping -M do test: ICMP echo with don't-fragment set, sizes from the interface MTU
              down to 576 bytes (crafted packets, needs CAP_NET_RAW; IPv4 only, IPv6 path MTU not measured):
              the path MTU, each size answered / lost / "fragmentation needed" (with the next-hop MTU and
              the router that sent it), and whether large packets vanish silently (a path MTU black hole)
              --timeout 3s      time limit for the whole measurement
              --pcap FILE       where to write the frames (default: the capture directory)""";

    @Override
    public MtuRequest resolved(MtuRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "mtu";
    }

    @Override
    public String summary() {
        return "mtu HOST                  the path MTU (don't-fragment echoes of shrinking size): black holes";
    }

    @Override
    public List<String> examples() {
        return List.of("mtu 10.0.0.5");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of(), Set.of("--timeout", "--pcap"));
    }

    @Override
    public MtuRequest parse(Words w) throws UsageException {
        String host = w.host(w.onePositional("which host? e.g. mtu 10.0.0.5", "one host per check"), "host");
        return new MtuRequest(host, w.timeout(), w.pcap());
    }

    /** ICMP: no port to check. */
    @Override
    public List<HostPort> targets(MtuRequest request) {
        return List.of(new HostPort(request.host(), -1));
    }

    @Override
    public Probe<MtuRequest, MtuEvidence> probe(Pipeline p) {
        MtuCheck check = new MtuCheck(p.targeting(), p.runner(), p.clock(), p.settings().captureDir());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<MtuEvidence>> rules() {
        return MtuRules.MTU;
    }

    @Override
    public CaptureSummary capture(MtuEvidence evidence) {
        return null;
    }

    @Override
    public String unmatched(MtuEvidence evidence) {
        return evidence.result() == null ? String.valueOf(evidence.problem()) : MtuWords.summary(evidence.result()) + ".";
    }

    @Override
    public Report report(MtuEvidence evidence, Verdict verdict) {
        return MtuReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(MtuEvidence evidence) {
        return new ProbedAddresses().add(evidence.address()).list();
    }
}
