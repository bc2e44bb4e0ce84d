package io.netcheck.check;

import io.netcheck.probe.dns.DnsAnswer;

/**
 * One resolver's answers: to the question, and to a made-up name that cannot exist.
 *
 * @param role   {@code system} (from /etc/resolv.conf) or {@code named} (the @SERVER given)
 * @param canary the answer for the made-up name, null when no canary was asked (PTR, single-label names)
 */
public record ResolverResult(String role, DnsAnswer answer, DnsAnswer canary) {
    public String server() {
        return answer.server();
    }

    /** True when the resolver returned records for a name that cannot exist. */
    public boolean invents() {
        return canary != null && canary.noError() && !canary.answers().isEmpty();
    }
}
