package io.netcheck.agent;

import java.time.Instant;

/** An agent connected to another replica (from the store's presence table): jobs for it are relayed there. */
public record AgentElsewhere(String name, String replica, Instant connectedSince) {
}
