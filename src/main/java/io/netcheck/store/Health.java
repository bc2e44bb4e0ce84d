package io.netcheck.store;

/** A watch's confirmed state. UNKNOWN until enough results agree. */
public enum Health {
    UNKNOWN, HEALTHY, UNHEALTHY;

    public static Health of(boolean healthy) {
        return healthy ? HEALTHY : UNHEALTHY;
    }
}
