package io.netcheck.kind;

import io.netcheck.check.ClusterReader;
import io.netcheck.verdict.banner.BannerRules;
import io.netcheck.check.BannerCheck;
import io.netcheck.check.BannerEvidence;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.Pipeline;
import io.netcheck.command.Options;
import io.netcheck.command.Targets;
import io.netcheck.command.UsageException;
import io.netcheck.command.Words;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import io.netcheck.report.TcpReport;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Verdict;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code banner HOST:PORT}: connect and read what the service says first (the telnet test's second half). */
public final class BannerKind implements CheckKind<BannerCheck.Request, BannerEvidence> {
    public static final String USAGE = """
            usage: banner HOST:PORT [--wait 2s] [--timeout 3s] [--json] [--no-capture] [--pcap FILE]
              the telnet test's second half: connect, send nothing, and show what the service says first
              (SSH, SMTP, FTP, POP3, IMAP and Redis greet the client; HTTP, TLS and most databases do not)
              --wait 2s         how long to wait for the first line once connected
              --timeout 3s      how long to wait for the handshake
              --json            print one JSON object instead of text
              --no-capture      run without packet capture
              --pcap FILE       where to write the capture (default: the capture directory)""";

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

    @Override
    public BannerCheck.Request resolved(BannerCheck.Request request, ClusterReader cluster) {
        return request; // names no Service
    }

    @Override
    public String verb() {
        return "banner";
    }

    @Override
    public String summary() {
        return "banner HOST:PORT          connect and read the service's greeting: SSH, SMTP, FTP versions";
    }

    @Override
    public List<String> examples() {
        return List.of("banner mail.internal:25 --wait 5s");
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public Options options() {
        return new Options(Set.of("--no-capture"), Set.of("--wait", "--timeout", "--pcap"));
    }

    @Override
    public BannerCheck.Request parse(Words w) throws UsageException {
        String target = w.onePositional("which service? give HOST:PORT, e.g. banner 10.0.0.5:22",
                "only one target per check");
        HostPort hp = Targets.parse(target, "target");
        Duration wait = w.value("--wait") == null ? DEFAULT_WAIT : w.timeout(w.value("--wait"));
        return new BannerCheck.Request(hp, w.timeout(), wait, !w.flag("--no-capture"), w.pcap());
    }

    @Override
    public List<HostPort> targets(BannerCheck.Request request) {
        return List.of(request.target());
    }

    @Override
    public Probe<BannerCheck.Request, BannerEvidence> probe(Pipeline p) {
        BannerCheck check = new BannerCheck(p.targeting(), p.runner(), p.captureRun(), p.clock());
        return (request, progress) -> check.run(request);
    }

    @Override
    public List<Rule<BannerEvidence>> rules() {
        return BannerRules.BANNER;
    }

    @Override
    public CaptureSummary capture(BannerEvidence evidence) {
        return evidence.capture();
    }

    @Override
    public String unmatched(BannerEvidence evidence) {
        return ConnectWords.connect(evidence.attempt()) + ".";
    }

    /** Two steps: the connect (as tcp shows it), then the greeting. */
    @Override
    public Report report(BannerEvidence e, Verdict verdict) {
        BannerCheck.Request r = e.request();
        List<Step> steps = new ArrayList<>();
        steps.add(TcpReport.connectStep(e.attempt(), "Does a TCP connection to " + r.target().label() + " open?"));
        if (e.attempt().connected()) {
            List<Fact> facts = new ArrayList<>();
            if (e.said()) {
                facts.add(new Fact("banner", e.banner()));
                facts.add(new Fact("time", Describe.ms(e.after()) + " after the connect"));
            }
            facts.add(new Fact("read", e.bytes() + " bytes, then " + switch (e.end()) {
                case LINE -> "the end of the first line";
                case LIMIT -> "the 512-byte limit";
                case SILENCE -> "silence until the " + Describe.ms(r.waitFor()) + " wait ran out";
                case CLOSED -> "the service closed the connection";
                case RESET -> "the connection was reset";
            }));
            steps.add(new Step("banner", "Does the service say what it is?", e.said() ? StepStatus.PASS
                    : StepStatus.FAIL, e.said() ? "greeted" : "silent", e.said() ? "\"" + e.banner() + "\""
                    : "nothing within " + Describe.ms(r.waitFor()), facts, List.of(), List.of()));
        }
        return new Report("banner " + r.target().label() + " --wait " + r.waitFor().toMillis() + "ms --timeout "
                + r.timeout().toMillis() + "ms", r.target().label(), e.startedAt(), e.elapsed(), verdict, steps,
                e.capture(), e);
    }

    @Override
    public boolean healthyNeedsCapture() {
        return false;
    }

    @Override
    public List<InetAddress> probed(BannerEvidence evidence) {
        return new ProbedAddresses().add(evidence.attempt()).list();
    }
}
