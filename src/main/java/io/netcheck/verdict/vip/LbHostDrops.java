package io.netcheck.verdict.vip;

import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.util.List;
import java.util.Optional;

/**
 * netcheck's SYNs reach the load balancer host (its agent saw them arrive) and nothing answers them there: the host
 * drops them itself (its own packet filter, a full listen backlog, a listener bound elsewhere). MEDIUM: which of
 * those it is, the packets cannot say.
 */
public final class LbHostDrops implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "lb-host-drops";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (!LbSideWords.synsUnanswered(e) || e.lbSide().synsArrived() == 0 || e.lbSide().answeredArrivals()) {
            return Optional.empty();
        }
        LbSideEvidence side = e.lbSide();
        String summary = "the load balancer host drops the SYNs it receives: " + LbSideWords.netcheckSide(e) + "; "
                + side.describe();
        String why = LbSideWords.netcheckSide(e) + " (netcheck's capture). " + side.describe() + " ("
                + LbSideWords.sideProof(side) + "). The SYNs get to the load balancer host and go no further: its "
                + "own filter (iptables/nftables), a listen backlog that overflows, or no listener that takes them.";
        List<String> next = List.of(
                "on the load balancer host: nft list ruleset / iptables -S (a DROP for port "
                        + e.vip().address().getPort() + ")",
                "on the load balancer host: ss -ltn 'sport = :" + e.vip().address().getPort()
                        + "' (is something listening; Recv-Q at the backlog means overflow)");
        return Optional.of(new Finding(Cause.LB_MISCONFIGURED, Confidence.MEDIUM, summary, why, next).withSignals(
                LbSideWords.netcheckSide(e) + " (netcheck's capture)", side.describe()));
    }
}
