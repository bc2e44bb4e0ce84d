package io.netcheck.verdict;

import java.util.List;

/**
 * The answer to "whose problem is it": a cause, the team that owns it, and the reasoning.
 *
 * @param rule the id of the rule that decided, so a surprising verdict can be traced to its rule
 */
public record Verdict(Cause cause, String team, String teamName, String slackGroup, Confidence confidence,
                      String rule, String summary, String explanation, List<String> nextSteps) {
    public Verdict {
        nextSteps = List.copyOf(nextSteps);
    }
}
