package io.netcheck.probe.dns;

public enum ResolutionStatus {
    /** The target was an IP literal: no DNS involved. */
    LITERAL,
    RESOLVED,
    /** The name does not exist (NXDOMAIN). */
    NXDOMAIN,
    /** The name exists but has no A/AAAA records (NODATA). */
    NO_ADDRESS,
    /** The resolver answered SERVFAIL or similar. */
    SERVFAIL,
    /** No resolver answered in time. */
    TIMEOUT,
    ERROR;

    public boolean failed() {
        return this != LITERAL && this != RESOLVED;
    }
}
