package io.netcheck.verdict;

import java.util.List;

/**
 * What one rule concluded.
 *
 * @param summary     one line: the cause in plain words
 * @param explanation one paragraph citing the evidence, written for the team that has to act on it
 * @param nextSteps   what to check next, most useful first
 */
public record Finding(Cause cause, Confidence confidence, String summary, String explanation,
                      List<String> nextSteps) {
    public Finding {
        nextSteps = List.copyOf(nextSteps);
    }
}
