package io.netcheck.verdict;

/** What is wrong, in the exact names the JSON uses. Each has a default owning team (configurable). */
public enum Cause {
    HEALTHY("none"),
    DEGRADED("server"),
    DNS("dns"),
    ROUTING("network"),
    FIREWALL_DROP("firewall"),
    FIREWALL_REJECT("firewall"),
    VIP_NOT_LISTENING("lb"),
    LB_MISCONFIGURED("lb"),
    BACKENDS_DOWN("server"),
    BACKENDS_UNREACHABLE("network"),
    HOST_UNREACHABLE("server"),
    TLS("lb"),
    APP_ERROR("server"),
    /** A Kubernetes Service whose pool cannot fill (no selector, a selector matching no pod, a targetPort no pod has). */
    SERVICE_MISCONFIGURED("platform"),
    LOCAL("platform"),
    INCONCLUSIVE("none");

    private final String defaultTeam;

    Cause(String defaultTeam) {
        this.defaultTeam = defaultTeam;
    }

    public String defaultTeam() {
        return defaultTeam;
    }

    public boolean healthy() {
        return this == HEALTHY;
    }
}
