package io.netcheck.checklist;

/**
 * A {@code svc/} target could not be turned into addresses: no cluster configured, the API server down or
 * slow, a permission missing, or a Service that does not exist or has no such port. Nothing was sent. The
 * message is for the user as it stands.
 *
 * @see ServiceRef
 */
public final class ClusterUnreadable extends RuntimeException {
    private final boolean badInput;

    private ClusterUnreadable(String message, boolean badInput, Throwable cause) {
        super(message, cause);
        this.badInput = badInput;
    }

    /** The cluster answered, but what was asked for is not there (no such Service, port or address). */
    public static ClusterUnreadable badInput(String message) {
        return new ClusterUnreadable(message, true, null);
    }

    /** The cluster could not be asked: not configured, not reachable, not permitted. */
    public static ClusterUnreadable unavailable(String message, Throwable cause) {
        return new ClusterUnreadable(message, false, cause);
    }

    /** True when the user named something the cluster does not have (exit status 2), false when netcheck could not read it. */
    public boolean badInput() {
        return badInput;
    }
}
