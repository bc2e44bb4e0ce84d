package io.netcheck.verdict;

import io.netcheck.check.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs the rule table over the evidence and names the owning team. */
public final class VerdictEngine {
    private final TeamDirectory teams;
    private final List<VipRule> rules;

    public VerdictEngine(TeamDirectory teams) {
        this(teams, VipRules.TABLE);
    }

    VerdictEngine(TeamDirectory teams, List<VipRule> rules) {
        this.teams = teams;
        this.rules = rules;
    }

    public Verdict decide(VipEvidence evidence) {
        for (VipRule rule : rules) {
            Optional<Finding> finding = rule.evaluate(evidence);
            if (finding.isPresent()) {
                return verdict(rule.id(), finding.get(), evidence);
            }
        }
        return verdict("no-rule-matched", new Finding(Cause.INCONCLUSIVE, Confidence.LOW,
                "the evidence fits no known failure pattern",
                "VIP: " + Describe.connect(evidence.vip()) + "; " + Describe.exchange(evidence.vip()) + "."
                        + (evidence.hasBackends() ? " " + Describe.backends(evidence) + "." : ""),
                List.of("read the packet lines of each step", "open the .pcap in Wireshark")), evidence);
    }

    private Verdict verdict(String ruleId, Finding f, VipEvidence evidence) {
        Confidence confidence = f.calibrated();
        String explanation = f.explanation();
        List<String> next = new ArrayList<>(f.nextSteps());
        if (!evidence.capture().available() && f.cause() != Cause.DNS && f.cause() != Cause.LOCAL) {
            // Without packets the verdict rests on what the socket API said, which hides who answered.
            confidence = confidence.lower();
            explanation += " (No packet capture: " + evidence.capture().problem()
                    + "; this verdict rests on socket errors alone.)";
            next.add("run netcheck with CAP_NET_RAW (or as root) for packet evidence");
        }
        Team team = teams.ownerOf(f.cause());
        return new Verdict(f.cause(), team.key(), team.name(), team.slackGroup(), confidence, ruleId, f.summary(),
                explanation, next, f.signals());
    }
}
