package io.netcheck.verdict;

import java.util.List;

/**
 * The finding for a probe the runner stopped waiting for ({@link io.netcheck.check.Overran}): INCONCLUSIVE, never a
 * team. One wording for every command, so a slow netcheck host reads the same in each report.
 */
public final class Unfinished {
    private Unfinished() {
    }

    /**
     * @param summary what did not finish ("netcheck's probe of the VIP did not finish in time")
     * @param observed what is known of the attempt, one line
     * @param unknown  what therefore stays unknown ("10.0.0.5:443 or the path to it")
     */
    public static Finding finding(String summary, String observed, String unknown) {
        return new Finding(Cause.INCONCLUSIVE, Confidence.LOW, summary,
                observed + ". The probe was still running past its deadline, so nothing was learnt about " + unknown
                        + "; this is netcheck's own host being too slow (CPU, threads), not evidence against any team.",
                List.of("run the check again", "if it repeats, check the load of netcheck's host (pod CPU limit, "
                        + "node pressure) or raise --timeout"));
    }
}
