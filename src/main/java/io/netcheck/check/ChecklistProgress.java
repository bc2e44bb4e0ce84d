package io.netcheck.check;

/**
 * Live progress of a run, for front ends that show it (Slack edits its status card). Called from probe
 * threads: implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface ChecklistProgress {
    ChecklistProgress NONE = (target, isVip, outcome, done, total) -> { };

    /**
     * @param outcome the socket-level result so far ({@code CONNECTED}, {@code REFUSED}, ..., or {@code ERROR});
     *                the final, packet-based verdict comes with the report
     */
    void probeFinished(HostPort target, boolean isVip, String outcome, int done, int total);
}
