package io.netcheck.check;

/**
 * A probe the runner stopped waiting for: it was still running at its deadline plus the runner's grace, so
 * it says nothing about the network (netcheck's host was too slow, or the probe stuck), never a local fault.
 */
public final class Overran {
    private static final String PREFIX = "the probe did not finish in time";

    private Overran() {
    }

    /** The problem text an overrun probe leaves in its evidence. */
    public static String problem(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return PREFIX + " (" + cause.getClass().getSimpleName() + ")";
    }

    /** Whether a probe's problem is an overrun (the one place that text is read back). */
    public static boolean is(String problem) {
        return problem != null && problem.startsWith(PREFIX);
    }
}
