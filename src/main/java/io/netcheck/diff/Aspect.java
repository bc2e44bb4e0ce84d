package io.netcheck.diff;

import java.util.Set;

/**
 * What a comparison looks at, in the order suspects are named when the verdict does not point at one: a name
 * that resolves elsewhere explains almost any outage, a timing the least.
 */
public enum Aspect {
    DNS("%s resolves to %s, was %s", Set.of("DNS", "HOST_UNREACHABLE", "VIP_NOT_LISTENING", "FIREWALL_DROP",
            "FIREWALL_REJECT", "ROUTING", "TLS", "LB_MISCONFIGURED", "BACKENDS_DOWN", "APP_ERROR")),
    CERTIFICATE("the certificate of %s changed: %s", Set.of("TLS")),
    SERVERS_ANSWERING("real servers answering behind %s: %s, was %s", Set.of("BACKENDS_DOWN", "BACKENDS_UNREACHABLE",
            "LB_MISCONFIGURED", "DEGRADED")),
    LB_SIGNATURE("%s is answered by %s, was %s", Set.of("LB_MISCONFIGURED", "BACKENDS_DOWN", "VIP_NOT_LISTENING")),
    DISTANCE("%s answers from %s, was %s", Set.of("ROUTING", "FIREWALL_DROP", "FIREWALL_REJECT", "HOST_UNREACHABLE",
            "VIP_NOT_LISTENING", "LB_MISCONFIGURED")),
    HANDSHAKE("the TCP handshake of %s changed: %s", Set.of("LB_MISCONFIGURED", "VIP_NOT_LISTENING", "FIREWALL_REJECT")),
    PATH("the path to %s is %s, was %s", Set.of("ROUTING", "FIREWALL_DROP", "HOST_UNREACHABLE")),
    PATH_MTU("the path MTU to %s is %s bytes, was %s", Set.of("ROUTING")),
    STATUS("%s answers HTTP %s, was %s", Set.of("APP_ERROR", "BACKENDS_DOWN", "LB_MISCONFIGURED", "DEGRADED")),
    SERVER_HEADER("%s answers with Server: %s, was %s", Set.of("LB_MISCONFIGURED", "APP_ERROR")),
    REDIRECT("%s redirects to %s, was %s", Set.of("APP_ERROR", "LB_MISCONFIGURED")),
    LISTENERS("listening sockets on %s: %s, was %s", Set.of("BACKENDS_DOWN", "APP_ERROR")),
    TIMING("%s took %s, was %s", Set.of("DEGRADED", "APP_ERROR"));

    private final String template;
    private final Set<String> causes;

    Aspect(String template, Set<String> causes) {
        this.template = template;
        this.causes = causes;
    }

    /** Whether a change of this kind can explain an outage of this cause (a verdict's cause name). */
    public boolean explains(String cause) {
        return causes.contains(cause);
    }

    String template() {
        return template;
    }

    /** Several fields (the certificate, the handshake) are listed as "field after, was before; ...". */
    boolean multiField() {
        return template.split("%s", -1).length == 3;
    }
}
