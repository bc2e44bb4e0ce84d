package io.netcheck.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import java.util.List;

/**
 * What one rule concluded.
 *
 * @param summary     one line: the cause in plain words
 * @param explanation one paragraph citing the evidence, written for the team that has to act on it
 * @param nextSteps   what to check next, most useful first
 * @param signals     the independent observations the finding rests on, one line each; the engines grant HIGH
 *                    confidence only when there are at least two ({@link #MIN_SIGNALS_FOR_HIGH})
 */
public record Finding(Cause cause, Confidence confidence, String summary, String explanation,
                      List<String> nextSteps, List<String> signals) {
    public static final int MIN_SIGNALS_FOR_HIGH = 2;

    public Finding {
        nextSteps = List.copyOf(nextSteps);
        signals = List.copyOf(signals);
    }

    public Finding(Cause cause, Confidence confidence, String summary, String explanation, List<String> nextSteps) {
        this(cause, confidence, summary, explanation, nextSteps, List.of());
    }

    public Finding withSignals(List<String> more) {
        List<String> all = new ArrayList<>(signals);
        more.stream().filter(Objects::nonNull).forEach(all::add);
        return new Finding(cause, confidence, summary, explanation, nextSteps, all);
    }

    public Finding withSignals(String... more) {
        return withSignals(Arrays.asList(more));
    }

    /** The confidence an engine may grant: one signal alone is at most MEDIUM, however sure the rule sounds. */
    public Confidence calibrated() {
        return confidence == Confidence.HIGH && signals.size() < MIN_SIGNALS_FOR_HIGH ? Confidence.MEDIUM : confidence;
    }
}
