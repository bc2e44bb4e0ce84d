package io.netcheck.verdict;

import io.netcheck.check.CaptureSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a single-probe command's rule table over its evidence and names the owning team, exactly as
 * {@link VerdictEngine} does for the VIP checklist (same causes, same team directory).
 */
public final class CommandVerdicts {
    private final TeamDirectory teams;

    public CommandVerdicts(TeamDirectory teams) {
        this.teams = teams;
    }

    /**
     * @param capture  the run's capture, null for commands that send no packets (no confidence penalty then)
     * @param fallback explanation when no rule matches
     */
    public <E> Verdict decide(List<Rule<E>> table, E evidence, CaptureSummary capture, Function<E, String> fallback) {
        for (Rule<E> rule : table) {
            Optional<Finding> finding = rule.evaluate(evidence);
            if (finding.isPresent()) {
                return verdict(rule.id(), finding.get(), capture);
            }
        }
        return verdict("no-rule-matched", new Finding(Cause.INCONCLUSIVE, Confidence.LOW,
                "the evidence fits no known failure pattern", fallback.apply(evidence),
                List.of("read the packet lines of each step", "open the .pcap in Wireshark")), capture);
    }

    private Verdict verdict(String ruleId, Finding f, CaptureSummary capture) {
        Confidence confidence = f.calibrated();
        String explanation = f.explanation();
        List<String> next = new ArrayList<>(f.nextSteps());
        if (capture != null && !capture.available() && f.cause() != Cause.DNS && f.cause() != Cause.LOCAL
                && f.cause() != Cause.HEALTHY) {
            confidence = confidence.lower();
            explanation += " (No packet capture: " + capture.problem() + "; this verdict rests on socket errors alone.)";
            next.add("run netcheck with CAP_NET_RAW (or as root) for packet evidence");
        }
        Team team = teams.ownerOf(f.cause());
        return new Verdict(f.cause(), team.key(), team.name(), team.slackGroup(), confidence, ruleId, f.summary(),
                explanation, next, f.signals());
    }
}
