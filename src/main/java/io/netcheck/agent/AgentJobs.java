package io.netcheck.agent;

import io.netcheck.Checks;
import io.netcheck.checklist.ChecklistProgress;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
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

    @Inject
    public AgentJobs(CommandParser parser, Checks checks, NetcheckConfig config) {
        this(parser, checks, config.agent().maxPcapBytes());
    }

    AgentJobs(CommandParser parser, Checks checks, int maxPcapBytes) {
        this.parser = parser;
        this.checks = checks;
        this.maxPcapBytes = maxPcapBytes;
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
