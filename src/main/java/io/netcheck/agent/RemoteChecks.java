package io.netcheck.agent;

import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ChecklistProgress;
import io.netcheck.check.LbSide;
import io.netcheck.check.Pipeline;
import io.netcheck.check.VipCheckRequest;
import io.netcheck.check.VipChecklist;
import io.netcheck.check.VipEvidence;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.UsageException;
import io.netcheck.kind.VipKind;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.VerdictEngine;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.render.ReportReader;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import io.netcheck.probe.Addresses;

/**
 * Runs a check on an agent and turns its answer into a report of this server's: the agent's JSON report read
 * back, its packet lines marked with the agent's name, a "ran from" fact, its .pcap written here.
 */
@ApplicationScoped
public class RemoteChecks {
    /** Options that only make sense where the report is printed or the file written: kept here, not sent. */
    private static final Set<String> LOCAL_FLAGS = Set.of("--json");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final AgentRegistry registry;
    private final AgentRouting routing;
    private final Path captureDir;
    private final VipChecklist vipChecklist;
    private final VerdictEngine verdicts;
    private final CommandParser parser;

    @Inject
    public RemoteChecks(AgentRegistry registry, AgentRouting routing, NetcheckConfig config, Pipeline pipeline,
                        VerdictEngine verdicts, CommandParser parser) {
        this(registry, routing, Path.of(config.capture().directory().orElse(System.getProperty("java.io.tmpdir"))),
                new VipChecklist(pipeline.resolver(), pipeline.capture(), pipeline.runner(), pipeline.clock(),
                        pipeline.settings(), pipeline.policy(), pipeline.certificates()), verdicts, parser);
    }

    RemoteChecks(AgentRegistry registry, AgentRouting routing, Path captureDir, VipChecklist vipChecklist,
                 VerdictEngine verdicts, CommandParser parser) {
        this.registry = registry;
        this.routing = routing;
        this.captureDir = captureDir;
        this.vipChecklist = vipChecklist;
        this.verdicts = verdicts;
        this.parser = parser;
    }

    /**
     * {@code vip --from AGENT}: netcheck probes the VIP from here under its own policy and capture, the agent
     * captures on the load balancer's side and probes the real servers under its own. Parsed here with this
     * server's limits; the agent parses the same words again with its own.
     */
    private Remote vip(String agent, List<String> words, List<String> sent) throws InterruptedException {
        VipCheckRequest request;
        try {
            if (!(parser.parse(words) instanceof Command.Check<?> check)
                    || !(check.request() instanceof VipCheckRequest vip)) {
                throw new AgentException(AgentException.Kind.USAGE, "not a vip check");
            }
            request = vip;
        } catch (UsageException e) {
            throw new AgentException(AgentException.Kind.USAGE, e.getMessage());
        }
        if (request.cluster() != null) {
            throw new AgentException(AgentException.Kind.USAGE, "vip --from takes addresses or names, not svc/ "
                    + "(the Service's pool is read where netcheck runs)");
        }
        String command = String.join(" ", sent);
        LbSide side = new LbSide() {
            @Override
            public String name() {
                return agent;
            }

            @Override
            public Started start(List<InetAddress> peers, Duration window) {
                return routing.startSide(agent, command, peers.stream().map(InetAddress::getHostAddress).toList(),
                        window);
            }
        };
        VipKind kind = new VipKind();
        VipEvidence evidence = vipChecklist.run(request, ChecklistProgress.NONE, side);
        Verdict verdict = verdicts.decide(kind.rules(), evidence, kind.capture(evidence), kind::unmatched,
                kind.healthyNeedsCapture());
        Report report = kind.report(evidence, verdict);
        report = new Report(report.command() + " --from " + agent, report.target(), report.startedAt(),
                report.elapsed(), report.verdict(), report.steps(), report.capture(), report.evidence());
        List<InetAddress> probed = kind.probed(evidence);
        return new Remote(report.probing(probed), probed);
    }

    /** What the run probed, for the audit line (the agent says: the names resolved there). */
    public record Remote(Report report, List<InetAddress> probed) {
    }

    /** @param words the check's words, --from already taken off */
    public Remote run(String agent, List<String> words) throws InterruptedException {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--pcap")) {
                i++; // the file is written here, not on the agent
            } else if (!LOCAL_FLAGS.contains(w) && !w.startsWith("--pcap=")) {
                sent.add(w);
            }
        }
        if (!sent.isEmpty() && sent.get(0).equals("vip")) {
            return vip(agent, words, sent);
        }
        AgentMessage.Result result = routing.run(agent, String.join(" ", sent), registry.jobTimeout());
        Report theirs;
        try {
            theirs = ReportReader.read(result.report());
        } catch (IllegalArgumentException e) {
            throw new AgentException(AgentException.Kind.INTERNAL, "agent " + agent + " sent " + e.getMessage());
        }
        String pcap = writePcap(agent, result, pcapPath(words));
        return new Remote(mark(agent, theirs, pcap, result.pcapTruncated()), addresses(result.probed()));
    }

    private static Path pcapPath(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("--pcap") && i + 1 < words.size()) {
                return Path.of(words.get(i + 1));
            }
            if (words.get(i).startsWith("--pcap=")) {
                return Path.of(words.get(i).substring("--pcap=".length()));
            }
        }
        return null;
    }

    /** The agent's report as this server shows it: whose packets they are, where the check ran. */
    static Report mark(String agent, Report r, String pcapFile, boolean truncated) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < r.steps().size(); i++) {
            steps.add(mark(agent, r.steps().get(i), i == 0));
        }
        CaptureSummary c = r.capture();
        String problem = c.problem();
        if (truncated) {
            problem = (problem == null ? "" : problem + "; ") + "the agent's capture was cut to "
                    + "netcheck.agent.max-pcap-bytes";
        }
        CaptureSummary capture = new CaptureSummary(c.available(), problem,
                c.interfaces().stream().map(i -> agent + ":" + i).toList(), c.filter(), c.snaplen(), c.packets(),
                c.dropped(), pcapFile);
        return new Report(r.command() + " --from " + agent, r.target(), r.startedAt(), r.elapsed(), r.verdict(), steps,
                capture, r.evidence());
    }

    private static Step mark(String agent, Step s, boolean first) {
        List<Fact> facts = new ArrayList<>();
        if (first) {
            facts.add(new Fact("ran from", "agent " + agent + " (its position, its target policy, its capture)"));
        }
        facts.addAll(s.facts());
        return new Step(s.name(), s.title(), s.status(), s.outcome(), s.summary(), facts,
                s.packets().stream().map(p -> "[" + agent + "] " + p).toList(),
                s.substeps().stream().map(sub -> mark(agent, sub, false)).toList());
    }

    private String writePcap(String agent, AgentMessage.Result result, Path wanted) {
        if (result.pcap() == null) {
            return null;
        }
        byte[] bytes = Base64.getDecoder().decode(result.pcap());
        Path file = wanted != null ? wanted
                : captureDir.resolve("netcheck-" + agent + "-" + STAMP.format(Instant.now()) + ".pcap");
        try {
            Files.write(file, bytes);
            return file.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<InetAddress> addresses(List<String> texts) {
        List<InetAddress> out = new ArrayList<>();
        if (texts != null) {
            for (String t : texts) {
                InetAddress a = Addresses.literal(t);
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
