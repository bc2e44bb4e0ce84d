package io.netcheck.verdict.vip;

import io.netcheck.capture.AddressText;
import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.util.List;
import java.util.Optional;

/**
 * netcheck's SYNs go unanswered and the agent on the load balancer, whose capture demonstrably works (it holds the
 * agent's own step-3 packets), saw none of them arrive: they are dropped on the way, before the load balancer.
 */
public final class DroppedBeforeLb implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "dropped-before-lb";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (!LbSideWords.synsUnanswered(e) || !e.lbSide().capture().available() || e.lbSide().synsArrived() > 0) {
            return Optional.empty();
        }
        LbSideEvidence side = e.lbSide();
        boolean proven = side.captureProven();
        String summary = "SYNs to " + e.vip().target().label() + " are dropped before the load balancer: "
                + LbSideWords.netcheckSide(e) + "; " + side.agent() + " saw nothing arrive";
        String why = LbSideWords.netcheckSide(e) + " (netcheck's capture). " + side.agent() + " saw nothing arrive "
                + "(" + LbSideWords.sideProof(side) + ")"
                + (proven ? ", a capture that works: it holds " + side.ownPackets() + " packets of the agent's own "
                + "probes to the real servers." : ", though that capture holds no packet at all, not even the "
                + "agent's own: it may be listening in the wrong place.")
                + " Silence on both sides is what a DROP rule between netcheck and the load balancer produces.";
        List<String> next = List.of(
                "check firewall/security-group rules between netcheck and " + e.vip().target().label()
                        + " (the SYNs leave netcheck and never reach the load balancer)",
                "traceroute -T -p " + e.vip().address().getPort() + " "
                        + AddressText.of(e.vip().address().getAddress()) + " from netcheck's host: where the path stops");
        return Optional.of(new Finding(Cause.FIREWALL_DROP, proven ? Confidence.HIGH : Confidence.MEDIUM, summary,
                why, next).withSignals(LbSideWords.netcheckSide(e) + " (netcheck's capture)",
                proven ? side.agent() + " saw nothing arrive, its capture proven by its own packets" : null));
    }
}
