package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.trace.TraceRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.PingCheck;
import io.netcheck.check.Pipeline;
import io.netcheck.check.TraceCheck;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.TraceRequest;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.Report;
import io.netcheck.report.TraceReport;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code trace HOST[:PORT]}: ICMP and TCP traceroute side by side. */
public final class TraceKind implements CheckKind<TraceRequest, TraceEvidence> {
    public static final String USAGE = """
            usage: trace HOST[:PORT] [--max-hops 30] [--timeout 1s] [--json] [--pcap FILE]
              hop by hop with increasing TTL, an ICMP echo AND a TCP SYN to PORT at each hop (crafted packets,
              needs CAP_NET_RAW; IPv4): each hop's responder and round trip, and where each path stops, so a
              firewall that blocks only the service shows up
              PORT              the service port for the TCP SYNs (default 80)
              --max-hops 30     highest TTL
              --timeout 1s      how long to wait at each hop""";

    @Override
    public TraceRequest resolved(TraceRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "trace";
    }

    @Override
    public String summary() {
        return "trace HOST[:PORT]         hop by hop, ICMP echo and TCP SYN side by side: where each path stops";
    }

    @Override
    public List<String> examples() {
        return List.of("trace 10.0.0.5:443");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of(), Set.of("--max-hops", "--timeout", "--pcap"));
    }

    @Override
    public TraceRequest parse(Words w) throws UsageException {
        String text = w.onePositional("which host? e.g. trace 10.0.0.5:443", "one target per trace");
        boolean portGiven = text.startsWith("[") ? text.contains("]:") : text.chars().filter(c -> c == ':').count() == 1;
        HostPort target;
        if (portGiven) {
            target = Targets.parse(text, "target");
        } else {
            String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            target = new HostPort(w.host(host, "target"), 80);
        }
        int max = w.limits().maxHops();
        int maxHops = max;
        if (w.value("--max-hops") != null) {
            String v = w.value("--max-hops");
            if (!v.matches("[0-9]{1,3}") || Integer.parseInt(v) < 1 || Integer.parseInt(v) > max) {
                throw w.error("--max-hops '" + Targets.shown(v) + "' must be a number from 1 to " + max);
            }
            maxHops = Integer.parseInt(v);
        }
        Duration hopWait = w.value("--timeout") == null ? Duration.ofSeconds(1) : w.timeout();
        return new TraceRequest(target, portGiven, maxHops, hopWait, w.pcap());
    }

    @Override
    public List<HostPort> targets(TraceRequest request) {
        return List.of(request.target());
    }

    @Override
    public Probe<TraceRequest, TraceEvidence> probe(Pipeline p) {
        PingCheck frames = new PingCheck(p.targeting(), p.runner(), p.clock(), p.settings().captureDir());
        TraceCheck check = new TraceCheck(p.targeting(), p.runner(), p.clock(), frames);
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<TraceEvidence>> rules() {
        return TraceRules.TRACE;
    }

    @Override
    public CaptureSummary capture(TraceEvidence evidence) {
        return null;
    }

    @Override
    public String unmatched(TraceEvidence evidence) {
        return evidence.hops().size() + " hops";
    }

    @Override
    public Report report(TraceEvidence evidence, Verdict verdict) {
        return TraceReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(TraceEvidence evidence) {
        return new ProbedAddresses().add(evidence.address()).list();
    }
}
