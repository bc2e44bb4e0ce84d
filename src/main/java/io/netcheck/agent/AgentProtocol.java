package io.netcheck.agent;

/** The fixed parts of the agent protocol: where agents connect, the headers they send, the version. */
public final class AgentProtocol {
    /** Bumped on any change an older peer would misread. Both sides refuse a different version, saying which. */
    public static final int VERSION = 1;
    /** The server's WebSocket endpoint, on its ordinary HTTP port. */
    public static final String PATH = "/api/v1/agents/connect";
    /** The agent's name, checked with its token at the HTTP upgrade. */
    public static final String NAME_HEADER = "X-Netcheck-Agent";
    /** Close code for a refused hello (application range 4000-4999). */
    public static final int REFUSED_CLOSE = 4001;

    private AgentProtocol() {
    }

    /** The build's version, as the agent reports it; "dev" outside a packaged jar. */
    public static String buildVersion() {
        String v = AgentProtocol.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }
}
