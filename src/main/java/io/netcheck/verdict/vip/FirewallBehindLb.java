package io.netcheck.verdict.vip;

import io.netcheck.capture.IcmpError;
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
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The VIP takes netcheck's connection and then fails (error page, reset, close, silence), or forwards its SYNs into
 * silence (L4), while the agent on the load balancer sends its own SYNs to every real server and none is answered
 * (retransmitted into silence, or refused by an ICMP administratively-prohibited): the load balancer cannot reach
 * its servers, and something filters. <em>Where</em> it filters decides the team, and the LB's packets alone rarely
 * say: a real server's own host firewall (its INPUT chain, the server team's) drops or rejects exactly like a
 * firewall between them (the firewall team's).
 *
 * <p>HIGH, for the firewall team, only when the packets prove a filtering device that is not a server: every
 * server's SYN was answered by an ICMP administratively prohibited (only filtering rules send it) from an address
 * that is not the server itself (so not the server's own kernel). One sender answering for several servers is a
 * third signal (a host firewall speaks only for its own host). Silence, or a rejection sent in the server's own name,
 * stays MEDIUM and names both owners, with the step that tells them apart: a capture on one real server.
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
        int port = e.backends().get(0).target().port();
        int n = e.backends().size();
        String servers = n + " real server" + (n == 1 ? "" : "s");
        StringBuilder seen = new StringBuilder();
        for (EndpointEvidence b : e.backends()) {
            seen.append(seen.length() == 0 ? "" : "; ").append(b.target().label()).append(": ")
                    .append(Describe.connect(b));
        }
        String vipSide = "the VIP " + e.vip().target().label() + " " + (e.vip().connected()
                ? "accepted netcheck's connection, then " + Describe.exchange(e.vip())
                : "took netcheck's SYNs (" + side.describe() + ") and never answered");
        String proof = "the proof: " + from + "'s packets in step 3 and its .pcap"
                + (side.capture().pcapFile() == null ? "" : " " + side.capture().pcapFile());
        String theirSyns = captured ? " (" + LbSideWords.sideProof(side) + ": its SYNs on the wire, "
                + (silent.isEmpty() ? "answered only by ICMP administratively prohibited"
                : "retransmitted, no SYN-ACK or RST back") + ")" : "";

        Set<InetAddress> senders = new LinkedHashSet<>();
        prohibited.forEach(b -> senders.add(b.wire().icmp().from()));
        boolean noneFromServer = !prohibited.isEmpty() && prohibited.stream().noneMatch(b -> b.wire().icmp().fromTarget());
        if (silent.isEmpty() && noneFromServer && captured) {
            return Optional.of(pathFirewall(e, side, prohibited, senders, vipSide, seen + theirSyns, proof, port));
        }

        // Silence, or a rejection in the server's own name (or not captured): the LB cannot reach its servers,
        // but the packets cannot place the filter. Both owners, and how to tell them apart.
        boolean fromServers = prohibited.stream().anyMatch(b -> b.wire().icmp().fromTarget());
        Cause cause = silent.isEmpty() ? Cause.FIREWALL_REJECT : Cause.FIREWALL_DROP;
        String verb = silent.isEmpty() ? "rejects" : "drops";
        String summary = "a firewall " + verb + " the load balancer's connections to its servers: " + from
                + "'s SYNs to " + servers + " went unanswered; "
                + (fromServers ? "the rejection comes from the server's own address, most likely its host firewall"
                : "a firewall between them or the servers' own host firewall (not told apart)");
        String why = vipSide + " (netcheck's position). From " + from + ", on the load balancer, every real server "
                + "is silent or refused by a filter: " + seen + theirSyns + ". The load balancer cannot reach its "
                + "servers. Where the filter sits is not proven: "
                + (fromServers ? "an ICMP administratively prohibited sent in the server's own name comes from its "
                + "own kernel (a host firewall REJECT rule), or from a device forging its address"
                : "a firewall between the load balancer and its servers and a real server's own host firewall "
                + "(its INPUT chain) drop a SYN alike, and nothing in these packets comes from either")
                + ". The team is a guess until one server's capture says which.";
        List<String> next = List.of(
                "on one real server, capture port " + port + " (tcpdump -ni any tcp port " + port + ") while "
                        + from + " connects: the SYNs arriving there and nothing going back is that server's host "
                        + "firewall (server team: iptables -S INPUT / nft list ruleset); nothing arriving is the path",
                "between the load balancer and its servers: the firewall/security-group rules for port " + port
                        + " from the load balancer's address (firewall team)",
                proof);
        Finding f = new Finding(cause, Confidence.MEDIUM, summary, why, next)
                .withSignals(captured ? from + "'s SYNs to every real server unanswered (" + from + "'s capture)"
                        : from + "'s probes of every real server failed (no capture proves it)");
        return Optional.of(f);
    }

    /** Every server's SYN refused by an ICMP administratively prohibited that the server itself did not send. */
    private static Finding pathFirewall(VipEvidence e, LbSideEvidence side, List<EndpointEvidence> prohibited,
                                        Set<InetAddress> senders, String vipSide, String seen, String proof,
                                        int port) {
        String from = side.agent();
        int n = prohibited.size();
        String at = String.join(", ", senders.stream().map(InetAddress::getHostAddress).toList());
        String summary = "a firewall at " + at + ", between the load balancer and its servers, rejects the load "
                + "balancer's connections: " + from + "'s SYNs to " + n + " real server" + (n == 1 ? "" : "s")
                + " were answered with ICMP administratively prohibited";
        String why = vipSide + " (netcheck's position). From " + from + ", on the load balancer, every real server "
                + "is refused by a filter: " + seen + ". \"Administratively prohibited\" is sent only by filtering "
                + "rules, and it came from " + at + ", not from the servers: a device in the path, not a server's "
                + "own host firewall. The load balancer cannot reach its servers: whatever it answers netcheck, it "
                + "has nothing behind it.";
        List<String> next = List.of(
                "find the REJECT rule for port " + port + " on " + at + " (the firewall/security-group rules between "
                        + "the load balancer and its servers)",
                proof);
        IcmpError first = prohibited.get(0).wire().icmp();
        return new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH, summary, why, next).withSignals(
                "ICMP administratively prohibited in answer to " + from + "'s SYNs (" + Describe.icmp(first)
                        + "): only filtering rules send it (" + from + "'s capture)",
                "its sender " + at + " is not " + (n == 1 ? "the server" : "any of the servers")
                        + ": a device in the path, not a server's own kernel",
                senders.size() == 1 && n > 1 ? "one sender answers for " + n + " servers: a host firewall speaks "
                        + "only for its own host" : null,
                vipSide + " (netcheck's capture)");
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
