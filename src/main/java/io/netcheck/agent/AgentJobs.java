package io.netcheck.agent;

import io.netcheck.Checks;
import io.netcheck.check.ChecklistProgress;
import io.netcheck.check.EvidenceWire;
import io.netcheck.check.LbSideRun;
import io.netcheck.check.Pipeline;
import io.netcheck.check.VipCheckRequest;
import io.netcheck.probe.Addresses;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.render.JsonRenderer;
import io.netcheck.report.Report;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs a job on the agent: the command is parsed here with the agent's own limits and run through the normal
 * local pipeline under the agent's own target policy, whatever the server asked. The report goes back as JSON,
 * the .pcap (bounded) with it; the file is then deleted: an agent keeps nothing.
 */
@ApplicationScoped
public class AgentJobs {
    private static final Logger LOG = Logger.getLogger(AgentJobs.class);
    /** What may run remotely: the checks that send packets from where the agent stands. */
    static final Set<String> REMOTE_VERBS = Set.of("vip", "tcp", "ping", "trace", "dns", "http", "tls", "mtu");

    private final CommandParser parser;
    private final Checks checks;
    private final int maxPcapBytes;
    private final LbSideRun lbSide;

    @Inject
    public AgentJobs(CommandParser parser, Checks checks, Pipeline pipeline, NetcheckConfig config) {
        this(parser, checks, new LbSideRun(pipeline), config.agent().maxPcapBytes());
    }

    AgentJobs(CommandParser parser, Checks checks, LbSideRun lbSide, int maxPcapBytes) {
        this.parser = parser;
        this.checks = checks;
        this.lbSide = lbSide;
        this.maxPcapBytes = maxPcapBytes;
    }

    /**
     * The load balancer's side of a {@code vip --from}: the vip words parsed here with the agent's own limits, run
     * under its own target policy; {@code ready} is told when its capture runs.
     */
    AgentMessage.SideResult side(String agent, AgentMessage.SideJob job, Consumer<AgentMessage.SideReady> ready) {
        List<String> words = Arrays.stream(job.command().strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty() || !words.get(0).equals("vip")) {
            return sideError(job, "usage", "agent " + agent + " takes the load balancer's side of vip only");
        }
        if (words.stream().anyMatch(w -> w.startsWith("--pcap") || w.startsWith("--from") || w.startsWith("--server"))) {
            return sideError(job, "usage", "--pcap, --from and --server are not for an agent's job");
        }
        List<InetAddress> peers = new ArrayList<>();
        for (String p : job.peers() == null ? List.<String>of() : job.peers()) {
            InetAddress a = Addresses.literal(p);
            if (a == null) {
                return sideError(job, "usage", "agent " + agent + ": '" + p + "' is not an address");
            }
            peers.add(a);
        }
        VipCheckRequest request;
        try {
            if (!(parser.parse(words) instanceof Command.Check<?> check)
                    || !(check.request() instanceof VipCheckRequest vip)) {
                return sideError(job, "usage", "agent " + agent + ": not a vip check");
            }
            request = vip;
        } catch (UsageException e) {
            return sideError(job, "usage", "agent " + agent + ": " + e.getMessage());
        }
        if (request.cluster() != null) {
            return sideError(job, "usage", "agent " + agent + ": vip --from takes addresses or names, not svc/");
        }
        long window = Math.max(0, Math.min(job.windowMs(), request.timeout().toMillis() * 3 + 2_000));
        try {
            LbSideRun.Outcome out = lbSide.run(request, peers, Duration.ofMillis(window),
                    problem -> ready.accept(new AgentMessage.SideReady(job.id(), micros(Instant.now()), problem)));
            boolean truncated = out.pcap() != null && out.pcap().length > maxPcapBytes;
            byte[] sent = out.pcap() == null ? null : PcapTrim.fit(out.pcap(), maxPcapBytes);
            return new AgentMessage.SideResult(job.id(), null, null, EvidenceWire.encode(out.backends()),
                    out.capture(), sent == null ? null : Base64.getEncoder().encodeToString(sent), truncated,
                    out.probed().stream().map(InetAddress::getHostAddress).toList());
        } catch (TargetPolicy.Refused e) {
            return sideError(job, "policy", "refused by agent " + agent + "'s target policy, nothing was sent: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return sideError(job, "internal", "agent " + agent + " was stopped during the job");
        } catch (RuntimeException e) {
            LOG.debug("side job failed", e);
            return sideError(job, "internal", "agent " + agent + " failed: " + e);
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    static AgentMessage.SideResult sideError(AgentMessage.SideJob job, String kind, String message) {
        return new AgentMessage.SideResult(job.id(), message, kind, null, null, null, false, List.of());
    }

    AgentMessage.Result run(String agent, AgentMessage.Job job) {
        List<String> words = Arrays.stream(job.command().strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty() || !REMOTE_VERBS.contains(words.get(0))) {
            return error(job, "usage", "agent " + agent + " runs only " + String.join(", ", REMOTE_VERBS.stream()
                    .sorted().toList()) + ", not '" + (words.isEmpty() ? "" : words.get(0)) + "'");
        }
        if (words.stream().anyMatch(w -> w.startsWith("--pcap") || w.startsWith("--from") || w.startsWith("--server"))) {
            return error(job, "usage", "--pcap, --from and --server are not for an agent's job");
        }
        Command command;
        try {
            command = parser.parse(words);
        } catch (UsageException e) {
            return error(job, "usage", "agent " + agent + ": " + e.getMessage());
        }
        try {
            Report report = checks.check(command, ChecklistProgress.NONE);
            String json = new JsonRenderer().render(report);
            byte[] pcap = pcap(report);
            boolean truncated = pcap != null && pcap.length > maxPcapBytes;
            byte[] sent = pcap == null ? null : PcapTrim.fit(pcap, maxPcapBytes);
            return new AgentMessage.Result(job.id(), json, null, null,
                    report.probedAddresses().stream().map(InetAddress::getHostAddress).toList(),
                    sent == null ? null : Base64.getEncoder().encodeToString(sent), truncated);
        } catch (TargetPolicy.Refused e) {
            return error(job, "policy", "refused by agent " + agent + "'s target policy, nothing was sent: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(job, "internal", "agent " + agent + " was stopped during the job");
        } catch (RuntimeException e) {
            LOG.debug("job failed", e);
            return error(job, "internal", "agent " + agent + " failed: " + e);
        }
    }

    private static byte[] pcap(Report report) {
        String file = report.capture() == null ? null : report.capture().pcapFile();
        if (file == null) {
            return null;
        }
        Path path = Path.of(file);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            LOG.warnf("could not read the capture %s: %s", file, e.getMessage());
            return null;
        } finally {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", file, e.getMessage());
            }
        }
    }

    static AgentMessage.Result error(AgentMessage.Job job, String kind, String message) {
        return new AgentMessage.Result(job.id(), null, message, kind, List.of(), null, false);
    }
}
