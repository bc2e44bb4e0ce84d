package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.host.HostRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.ListenersCheck;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.check.ListenersRequest;
import io.netcheck.check.Pipeline;
import io.netcheck.check.ProcNet;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.ListenersReport;
import io.netcheck.report.Report;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/** {@code listeners [PORT]}: the netstat step on netcheck's own host. Sends nothing. */
public final class ListenersKind implements CheckKind<ListenersRequest, ListenersEvidence> {
    public static final String USAGE = """
            usage: listeners [PORT] [--json]
              the netstat -lntup step, on netcheck's own host: listening TCP and UDP sockets with address,
              port and process; calls out a service that listens on 127.0.0.1 / ::1 only
              PORT              only that port, and say whether it is reachable from other hosts""";

    @Override
    public ListenersRequest resolved(ListenersRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "listeners";
    }

    @Override
    public String summary() {
        return "listeners [PORT]          the netstat step on netcheck's host: sockets, processes, loopback-only";
    }

    @Override
    public List<String> examples() {
        return List.of("listeners 8080");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of(), Set.of());
    }

    @Override
    public ListenersRequest parse(Words w) throws UsageException {
        List<String> positional = w.positional();
        if (positional.size() > 1) {
            throw w.error("unexpected '" + Targets.shown(positional.get(1)) + "': one PORT at most");
        }
        return new ListenersRequest(positional.isEmpty() ? null
                : Targets.port(positional.get(0), "PORT", positional.get(0)));
    }

    @Override
    public List<HostPort> targets(ListenersRequest request) {
        return List.of();
    }

    @Override
    public Probe<ListenersRequest, ListenersEvidence> probe(Pipeline p) {
        ListenersCheck check = new ListenersCheck(new ProcNet(), p.clock(), p.runner().ticker());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<ListenersEvidence>> rules() {
        return HostRules.LISTENERS;
    }

    @Override
    public CaptureSummary capture(ListenersEvidence evidence) {
        return null;
    }

    @Override
    public String unmatched(ListenersEvidence evidence) {
        return evidence.relevant().size() + " listening sockets";
    }

    @Override
    public Report report(ListenersEvidence evidence, Verdict verdict) {
        return ListenersReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(ListenersEvidence evidence) {
        return List.of();
    }
}
