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
 * Two captures, two sides: netcheck's SYNs go unanswered here, while the agent on the load balancer saw them
 * arrive and answered (SYN-ACK, or RST). The answers are lost on the way back: the return path (asymmetric
 * routing, a stateful firewall that saw only one direction, a missing route back to netcheck's network).
 */
public final class ReturnPathLost implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "return-path-lost";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (!LbSideWords.synsUnanswered(e) || !e.lbSide().answeredArrivals()) {
            return Optional.empty();
        }
        LbSideEvidence side = e.lbSide();
        String answer = side.synAcksSent() > 0 ? "SYN-ACK" : "RST";
        String summary = "the return path from the load balancer loses its answers: " + LbSideWords.netcheckSide(e)
                + "; " + side.describe() + "; none came back";
        String why = LbSideWords.netcheckSide(e) + " (netcheck's capture: no SYN-ACK, RST or ICMP error came back). "
                + side.describe() + " (" + LbSideWords.sideProof(side) + "). The SYNs get there, the load balancer "
                + "answers, and its " + answer + "s never reach netcheck: the path back from the load balancer to "
                + "netcheck's network drops them — asymmetric routing (the answer leaves by another way and a "
                + "stateful firewall there drops it), a missing or wrong route back, or a filter on the return "
                + "direction only."
                + (side.matchedBy().equals("nat") ? " The SYNs the agent saw came from another address than "
                + "netcheck's (a NAT in between): they are probably, not certainly, netcheck's." : "");
        List<String> next = List.of(
                "on the load balancer host: ip route get " + firstPeer(e) + " — the way its answers leave",
                "check the routers and firewalls on the way back from the load balancer to netcheck's network "
                        + "(a stateful firewall that never saw the SYN drops the SYN-ACK)");
        return Optional.of(new Finding(Cause.ROUTING, side.matchedBy().equals("nat") ? Confidence.MEDIUM
                : Confidence.HIGH, summary, why, next).withSignals(
                LbSideWords.netcheckSide(e) + " (netcheck's capture)",
                side.describe() + " (" + side.agent() + "'s capture)"));
    }

    private static String firstPeer(VipEvidence e) {
        return e.vip().result() != null && e.vip().result().connect().local() != null
                ? AddressText.of(e.vip().result().connect().local().getAddress()) : "NETCHECK-ADDRESS";
    }
}
