package io.netcheck.verdict;

import io.netcheck.verdict.vip.VipRules;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one rule engine: runs a command's rule table over its evidence (first finding wins), calibrates the
 * confidence ({@link Finding#calibrated()}), lowers it when the run had no packet capture, and names the
 * owning team from the one {@link TeamDirectory}. Every command, the VIP checklist included, goes through here.
 */
public final class VerdictEngine {
    private final TeamDirectory teams;

    public VerdictEngine(TeamDirectory teams) {
        this.teams = teams;
    }

    /**
     * @param capture   the run's capture, null for commands that send no packets (no confidence penalty then)
     * @param unmatched explanation when no rule matches
     */
    public <E> Verdict decide(List<? extends Rule<E>> table, E evidence, CaptureSummary capture,
                              Function<E, String> unmatched) {
        return decide(table, evidence, capture, unmatched, false);
    }

    /** @param healthyNeedsCapture lower a HEALTHY verdict too when there was no capture (vip) */
    public <E> Verdict decide(List<? extends Rule<E>> table, E evidence, CaptureSummary capture,
                              Function<E, String> unmatched, boolean healthyNeedsCapture) {
        for (Rule<E> rule : table) {
            Optional<Finding> finding = rule.evaluate(evidence);
            if (finding.isPresent()) {
                return verdict(rule.id(), finding.get(), capture, healthyNeedsCapture);
            }
        }
        return verdict("no-rule-matched", new Finding(Cause.INCONCLUSIVE, Confidence.LOW,
                "the evidence fits no known failure pattern", unmatched.apply(evidence),
                List.of("read the packet lines of each step", "open the .pcap in Wireshark")), capture,
                healthyNeedsCapture);
    }

    /** The VIP checklist's table ({@link VipRules}) over its evidence. */
    public Verdict decide(VipEvidence evidence) {
        return decide(VipRules.TABLE, evidence, evidence.capture(), VipRules::unmatched, true);
    }

    private Verdict verdict(String ruleId, Finding f, CaptureSummary capture, boolean healthyNeedsCapture) {
        Confidence confidence = f.calibrated();
        String explanation = f.explanation();
        List<String> next = new ArrayList<>(f.nextSteps());
        if (capture != null && !capture.available() && f.cause() != Cause.DNS && f.cause() != Cause.LOCAL
                && (f.cause() != Cause.HEALTHY || healthyNeedsCapture)) {
            // Without packets a failure verdict rests on what the socket API said, which hides who answered.
            confidence = confidence.lower();
            explanation += " (No packet capture: " + capture.problem() + "; this verdict rests on socket errors alone.)";
            next.add("run netcheck with CAP_NET_RAW (or as root) for packet evidence");
        }
        Team team = teams.ownerOf(f.cause());
        return new Verdict(f.cause(), team.key(), team.name(), team.slackGroup(), confidence, ruleId, f.summary(),
                explanation, next, f.signals());
    }
}
