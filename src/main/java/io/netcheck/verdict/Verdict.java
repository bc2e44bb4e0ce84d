package io.netcheck.verdict;

import java.util.List;

/**
 * The answer to "whose problem is it": a cause, the team that owns it, and the reasoning.
 *
 * @param rule    the id of the rule that decided, so a surprising verdict can be traced to its rule
 * @param signals the independent observations the verdict rests on (HIGH needs two)
 */
public record Verdict(Cause cause, String team, String teamName, String slackGroup, Confidence confidence,
                      String rule, String summary, String explanation, List<String> nextSteps,
                      List<String> signals) {
    public Verdict {
        nextSteps = List.copyOf(nextSteps);
        signals = List.copyOf(signals);
    }

    public Verdict(Cause cause, String team, String teamName, String slackGroup, Confidence confidence, String rule,
                   String summary, String explanation, List<String> nextSteps) {
        this(cause, team, teamName, slackGroup, confidence, rule, summary, explanation, nextSteps, List.of());
    }
}
