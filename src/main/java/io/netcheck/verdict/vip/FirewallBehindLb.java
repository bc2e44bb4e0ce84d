package io.netcheck.verdict.vip;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.EndpointState;
import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The VIP takes netcheck's connection and then fails (error page, reset, close, silence), or forwards its SYNs into
 * silence (L4), while the agent on the load balancer sends its own SYNs to every real server and none is answered
 * (retransmitted into silence, or refused by an ICMP administratively-prohibited): a firewall between the load
 * balancer and its servers. From netcheck's position alone this is at best a guess (the servers may simply be
 * unreachable from here); the agent's packets are the proof.
 */
public final class FirewallBehindLb implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "firewall-behind-lb";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        LbSideEvidence side = e.lbSide();
        if (side == null || !e.hasBackends() || !vipFailsBehind(e)) {
            return Optional.empty();
        }
        List<EndpointEvidence> silent = new ArrayList<>();
        List<EndpointEvidence> prohibited = new ArrayList<>();
        for (EndpointEvidence b : e.backends()) {
            if (silentlyDropped(b)) {
                silent.add(b);
            } else if (b.state() == EndpointState.UNREACHABLE && b.wire().icmp() != null
                    && b.wire().icmp().kind() == IcmpKind.ADMIN_PROHIBITED) {
                prohibited.add(b);
            } else {
                return Optional.empty();
            }
        }
        boolean captured = side.capture().available() && e.backends().stream().allMatch(b -> b.wire().packets() > 0);
        String from = side.agent();
        StringBuilder seen = new StringBuilder();
        for (EndpointEvidence b : e.backends()) {
            seen.append(seen.length() == 0 ? "" : "; ").append(b.target().label()).append(": ")
                    .append(Describe.connect(b));
        }
        String vipSide = "the VIP " + e.vip().target().label() + " " + (e.vip().connected()
                ? "accepted netcheck's connection, then " + Describe.exchange(e.vip())
                : "took netcheck's SYNs (" + side.describe() + ") and never answered");
        String summary = "a firewall between the load balancer and its servers "
                + (silent.isEmpty() ? "rejects" : "drops") + " the load balancer's connections: " + from
                + "'s SYNs to " + e.backends().size() + " real server" + (e.backends().size() == 1 ? "" : "s")
                + " went unanswered";
        String why = vipSide + " (netcheck's position). From " + from + ", on the load balancer, every real server "
                + "is silent or refused by a filter: " + seen + (captured ? " (" + LbSideWords.sideProof(side)
                + ": its SYNs on the wire, " + (silent.isEmpty() ? "answered only by ICMP administratively "
                + "prohibited" : "retransmitted, no SYN-ACK or RST back") + ")" : "") + ". The load balancer "
                + "cannot reach its servers: whatever it answers netcheck, it has nothing behind it.";
        List<String> next = List.of(
                "check the firewall/security-group rules between the load balancer and its servers (port "
                        + e.backends().get(0).target().port() + ")",
                "the proof: " + from + "'s packets in step 3 and its .pcap"
                        + (side.capture().pcapFile() == null ? "" : " " + side.capture().pcapFile()));
        return Optional.of(new Finding(silent.isEmpty() ? Cause.FIREWALL_REJECT : Cause.FIREWALL_DROP,
                captured ? Confidence.HIGH : Confidence.MEDIUM, summary, why, next).withSignals(
                vipSide + " (netcheck's capture)",
                captured ? from + "'s SYNs to every real server unanswered (" + from + "'s capture)" : null));
    }

    /** The VIP accepted and then failed or held, or forwarded the SYNs (the LB saw them) into silence. */
    private static boolean vipFailsBehind(VipEvidence e) {
        EndpointState s = e.vip().state();
        if (e.vip().connected()) {
            return s == EndpointState.HTTP_ERROR || s == EndpointState.RESET || s == EndpointState.CLOSED
                    || s == EndpointState.NO_RESPONSE || s == EndpointState.BODY_STALLED;
        }
        return LbSideWords.synsUnanswered(e) && e.lbSide().synsArrived() > 0 && !e.lbSide().answeredArrivals();
    }

    private static boolean silentlyDropped(EndpointEvidence b) {
        return b.state() == EndpointState.TIMEOUT && !b.wire().synAckSeen() && !b.wire().resetSeen()
                && b.wire().icmp() == null;
    }
}
