package io.netcheck.agent;

import java.time.Duration;
import java.util.List;

/** The agents connected to this replica, as {@link AgentRegistry} holds them: what {@link AgentRelay} needs of it. */
interface LocalAgents {
    boolean connected(String agent);

    List<AgentInfo> agents();

    /** Whether NETCHECK_AGENT_TOKENS names the agent (for the "not connected" message). */
    boolean allowed(String agent);

    AgentMessage.Result run(String agent, String command, Duration budget) throws InterruptedException;
}
