package io.netcheck.agent;

import java.time.Instant;
import java.util.Map;

/** A connected agent as /netcheck agents and GET /api/v1/agents show it. */
public record AgentInfo(String name, String zone, Map<String, String> labels, Instant connectedSince,
                        Instant lastHeartbeat, String version, int protocol, String remote) {
    public AgentInfo {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    AgentInfo heartbeat(Instant at) {
        return new AgentInfo(name, zone, labels, connectedSince, at, version, protocol, remote);
    }
}
