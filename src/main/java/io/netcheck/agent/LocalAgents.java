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

    /** Starts the load balancer's side of a vip --from on the agent (see {@link AgentRegistry#startSide}). */
    SideRun side(String agent, String command, List<String> peers, Duration window);

    /** A side job on this replica's connection, its messages passed on as they came (for the relay). */
    interface SideRun {
        AgentMessage.SideReady ready(Duration within) throws InterruptedException;

        AgentMessage.SideResult result(Duration within) throws InterruptedException;

        void cancel();
    }
}
