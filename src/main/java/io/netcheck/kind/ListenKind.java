package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.host.HostRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.ListenCheck;
import io.netcheck.check.ListenEvidence;
import io.netcheck.check.ListenRequest;
import io.netcheck.check.Pipeline;
import io.netcheck.check.ProcNet;
import io.netcheck.command.DurationText;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.ListenReport;
import io.netcheck.report.Report;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code listen PORT [--for 60s]}: the nc -l test. Sends nothing; it waits for others. */
public final class ListenKind implements CheckKind<ListenRequest, ListenEvidence> {
    public static final String USAGE = """
            usage: listen PORT [--for 60s] [--json]
              the nc -l test: a temporary TCP listener on every address of netcheck's host; reports each
              connection that arrives (source address, time, first bytes), then stops by itself
              PORT              1024-65535 (no privileged ports), not in use
              --for 60s         how long to listen (at most 5m unless configured)""";

    @Override
    public ListenRequest resolved(ListenRequest request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "listen";
    }

    @Override
    public String summary() {
        return "listen PORT [--for 60s]   the nc -l test: a temporary listener that reports who connects";
    }

    @Override
    public List<String> examples() {
        return List.of("listen 8080 --for 2m");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of(), Set.of("--for"));
    }

    @Override
    public ListenRequest parse(Words w) throws UsageException {
        String text = w.onePositional("which port? e.g. listen 8080 --for 60s", "one PORT per listener");
        int port = Targets.port(text, "PORT", text);
        if (port < 1024) {
            throw w.error("port " + port + " is privileged (below 1024): netcheck does not open listeners "
                    + "there; use a port from 1024 to 65535");
        }
        Duration duration = w.limits().defaultListen();
        if (w.value("--for") != null) {
            duration = DurationText.parse(w.value("--for"), "--for");
            if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(w.limits().maxListen()) > 0) {
                throw w.error("--for " + Targets.shown(w.value("--for")) + " is out of range: from 1s to "
                        + w.limits().maxListen().toSeconds() + "s");
            }
        }
        return new ListenRequest(port, duration);
    }

    @Override
    public List<HostPort> targets(ListenRequest request) {
        return List.of();
    }

    @Override
    public Probe<ListenRequest, ListenEvidence> probe(Pipeline p) {
        ListenCheck check = new ListenCheck(new ProcNet(), p.clock(), p.runner().ticker());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<ListenEvidence>> rules() {
        return HostRules.LISTEN;
    }

    @Override
    public CaptureSummary capture(ListenEvidence evidence) {
        return null;
    }

    @Override
    public String unmatched(ListenEvidence evidence) {
        return evidence.arrivals().size() + " connections";
    }

    @Override
    public Report report(ListenEvidence evidence, Verdict verdict) {
        return ListenReport.of(evidence, verdict);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(ListenEvidence evidence) {
        return List.of();
    }
}
