package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.ping.PingRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.PingCheck;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.PingRequest;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.PingReport;
import io.netcheck.report.Report;
import io.netcheck.verdict.ping.PingWords;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** {@code ping HOST}: real ICMP echo from crafted frames. */
public final class PingKind implements CheckKind<PingRequest, PingEvidence> {
    public static final String USAGE = """
            usage: ping HOST [--count 5] [--timeout 3s] [--json] [--pcap FILE]
              real ICMP echo (crafted packets, needs CAP_NET_RAW; IPv4): loss, min/avg/max round trip, the
              replies' TTL, and ICMP errors with the router or firewall that sent them
              --count 5         echo requests to send, 200 ms apart (at most 20 unless configured)
              --timeout 3s      how long to wait for the last reply
              --pcap FILE       where to write the frames (default: the capture directory)""";

    @Override
    public PingRequest resolved(PingRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "ping";
    }

    @Override
    public String summary() {
        return "ping HOST [--count 5]     real ICMP echo: loss, round trips, TTL, ICMP errors and their sender";
    }

    @Override
    public List<String> examples() {
        return List.of("ping 10.0.0.5 --count 10");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of(), Set.of("--count", "--timeout", "--pcap"));
    }

    @Override
    public PingRequest parse(Words w) throws UsageException {
        String host = w.host(w.onePositional("which host? e.g. ping 10.0.0.5", "one host per check"), "host");
        int count = 5;
        if (w.value("--count") != null) {
            String v = w.value("--count");
            int max = w.limits().maxPings();
            if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
                throw w.error("--count '" + Targets.shown(v) + "' must be a number from 1 to " + max);
            }
            count = Integer.parseInt(v);
        }
        return new PingRequest(host, count, w.timeout(), w.pcap());
    }

    /** ICMP: no port to check. */
    @Override
    public List<HostPort> targets(PingRequest request) {
        return List.of(new HostPort(request.host(), -1));
    }

    @Override
    public Probe<PingRequest, PingEvidence> probe(Pipeline p) {
        PingCheck check = new PingCheck(p.targeting(), p.runner(), p.clock(), p.settings().captureDir());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<PingEvidence>> rules() {
        return PingRules.PING;
    }

    @Override
    public CaptureSummary capture(PingEvidence evidence) {
        return null;
    }

    @Override
    public String unmatched(PingEvidence evidence) {
        return PingWords.stats(evidence);
    }

    @Override
    public Report report(PingEvidence evidence, Verdict verdict) {
        return PingReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(PingEvidence evidence) {
        return new ProbedAddresses().add(evidence.address()).list();
    }
}
