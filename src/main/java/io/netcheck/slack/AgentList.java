package io.netcheck.slack;

import io.netcheck.agent.AgentElsewhere;
import io.netcheck.agent.AgentInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** {@code /netcheck agents}: who is connected, where they stand, and whether they are still talking. */
final class AgentList {
    private AgentList() {
    }

    static String text(List<AgentInfo> agents, Instant now) {
        return text(agents, List.of(), now);
    }

    /** @param elsewhere agents connected to other replicas (jobs for them are relayed through the store) */
    static String text(List<AgentInfo> agents, List<AgentElsewhere> elsewhere, Instant now) {
        if (agents.isEmpty() && elsewhere.isEmpty()) {
            return "No netcheck agents are connected. An agent runs `netcheck agent --connect URL --name NAME` "
                    + "next to a load balancer and dials out to this server (see the README, Agents).";
        }
        int all = agents.size() + elsewhere.size();
        StringBuilder out = new StringBuilder("*" + all + " agent" + (all == 1 ? "" : "s")
                + " connected* (use `--from NAME` on vip, tcp, ping, trace, dns, http, tls, mtu)\n");
        for (AgentInfo a : agents) {
            out.append("• `").append(SlackBlocks.esc(a.name())).append('`')
                    .append(a.zone() == null ? "" : "  zone " + SlackBlocks.esc(a.zone()))
                    .append(a.labels().isEmpty() ? "" : "  " + SlackBlocks.esc(a.labels().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "))))
                    .append("  connected since ").append(a.connectedSince())
                    .append("  last heartbeat ").append(ago(a.lastHeartbeat(), now))
                    .append("  version ").append(SlackBlocks.esc(String.valueOf(a.version()))).append('\n');
        }
        for (AgentElsewhere a : elsewhere) {
            out.append("• `").append(SlackBlocks.esc(a.name())).append("`  on replica ")
                    .append(SlackBlocks.esc(a.replica())).append("  connected since ").append(a.connectedSince())
                    .append("  (jobs relayed there)\n");
        }
        return out.toString();
    }

    private static String ago(Instant at, Instant now) {
        long s = Math.max(0, Duration.between(at, now).toSeconds());
        return s + " s ago";
    }
}
