package io.netcheck.cli;

import io.netcheck.agent.AgentArgs;
import io.netcheck.agent.AgentClient;
import io.netcheck.agent.AgentJobs;
import io.netcheck.config.NetcheckConfig;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** {@code netcheck agent ...}: checks the arguments and the token (exit 2 if wrong), then runs until stopped. */
@ApplicationScoped
public class AgentMode {
    @Inject
    NetcheckConfig config;
    @Inject
    AgentJobs jobs;

    public int run(List<String> words) {
        AgentArgs args;
        try {
            args = AgentArgs.parse(words);
        } catch (IllegalArgumentException e) {
            System.err.println("netcheck: " + e.getMessage());
            System.err.println(AgentArgs.USAGE);
            return Cli.USAGE;
        }
        String token = config.agent().token().map(String::strip).orElse("");
        if (token.isEmpty()) {
            System.err.println("netcheck: the agent's token goes in the environment: NETCHECK_AGENT_TOKEN");
            return Cli.USAGE;
        }
        var a = config.agent();
        if (a.heartbeat().toMillis() < 100 || a.maxJobs() < 1 || a.maxPcapBytes() < 24) {
            System.err.println("netcheck: netcheck.agent.heartbeat must be at least 100ms, max-jobs at least 1, "
                    + "max-pcap-bytes at least 24");
            return Cli.USAGE;
        }
        AgentClient client = new AgentClient(args, token, jobs, a.heartbeat(), a.reconnectMax(), a.maxJobs());
        Thread loop = new Thread(client::runUntilStopped, "netcheck-agent");
        loop.setDaemon(true);
        loop.start();
        Quarkus.waitForExit();
        client.stop();
        return 0;
    }
}
