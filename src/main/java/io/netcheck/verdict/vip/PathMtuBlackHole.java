package io.netcheck.verdict.vip;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.mtu.MtuWords;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.PathMtu;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Flows stalled after the handshake (the request went out, the answer or its body never came) and the path
 * MTU follow-up found a black hole: small packets pass, larger ones vanish without ICMP "fragmentation
 * needed". TCP then never learns to send smaller segments, so the LB and the servers are not at fault:
 * the network is. Tried before the rules that would blame the LB or the servers for that stall.
 */
public final class PathMtuBlackHole implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "path-mtu-black-hole";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        PathMtu hole = e.blackHole();
        if (hole == null) {
            return Optional.empty();
        }
        String stalled = Stream.concat(Stream.of(e.vip()), e.backends().stream())
                .filter(EndpointEvidence::stalledAfterRequest).limit(4)
                .map(x -> x.target().label() + ": " + Describe.exchange(x)).collect(Collectors.joining("; "));
        return Optional.of(new Finding(Cause.ROUTING, Confidence.HIGH,
                MtuWords.summary(hole.result()),
                "The connections open and the request goes out, then the answer stalls (" + stalled + "). Echo "
                        + "requests with don't-fragment set towards " + AddressText.of(hole.address()) + " show why: "
                        + MtuWords.blackHole(hole.result()) + " (" + MtuWords.sizes(hole.result()) + "). A link on "
                        + "the way carries at most " + hole.result().pathMtu() + " bytes and the ICMP that should "
                        + "say so never arrives (a router that does not send it, or a firewall that drops it), so "
                        + "TCP keeps sending full-size segments into the hole: the handshake and small answers pass, "
                        + "full-size ones vanish. The load balancer and the servers are not at fault."
                        + MtuWords.measuredNote(e.pathMtu().stream().filter(m -> m != hole).toList()),
                nextSteps(AddressText.of(hole.address()), hole.result().pathMtu()))
                .withSignals("TCP: the request went out, then the answer stalled (" + stalled + ")",
                        "ICMP: " + MtuWords.blackHole(hole.result())));
    }

    public static List<String> nextSteps(String address, int pathMtu) {
        return List.of("find the link with the smaller MTU: netcheck trace " + address + ", or tracepath " + address,
                "let ICMP type 3 code 4 (fragmentation needed) and ICMPv6 packet too big through every firewall on "
                        + "the path",
                "or clamp the TCP MSS to " + (pathMtu - 40) + " on the router in front of the small link "
                        + "(iptables TCPMSS --clamp-mss-to-pmtu)",
                "check the MTU of tunnels, VPNs and overlays on the way (GRE, IPsec, VXLAN, WireGuard)");
    }
}
