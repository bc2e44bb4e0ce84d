package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;

/**
 * The VIP address itself answers ICMP port unreachable while every real server is down: what a
 * kube-proxy-style NAT VIP does when its service has no endpoints left.
 */
public final class NoEndpointsBehindVip implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "no-endpoints-behind-vip";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        var icmp = e.vip().wire().icmp();
        // The reject comes from the VIP itself, or from the device that answers for a VIP that is only a NAT rule
        // (kube-proxy rejects from the node): either way from where the VIP lives, not from a firewall before it.
        boolean fromVip = icmp != null && (icmp.fromTarget() || e.host().errors().stream()
                .anyMatch(a -> a.from().equals(icmp.from())));
        if (icmp == null || icmp.kind() != IcmpKind.PORT_UNREACHABLE || !fromVip || !e.allBackendsDown()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM,
                "no real server is up, and the VIP rejects connections for lack of endpoints",
                "The VIP answered the SYN with " + Describe.icmp(icmp) + ", which is how a NAT VIP (kube-proxy and "
                        + "similar) rejects traffic when no endpoint is left. The real servers confirm it: "
                        + Describe.backends(e) + ".",
                List.of("start or repair the real servers; the VIP recovers once one passes its readiness check",
                        "check the endpoints the load balancer sees (e.g. kubectl get endpoints)"))
                .withSignals(Describe.icmp(icmp) + " from where the VIP lives",
                        "no real server answers when probed directly: " + Describe.backends(e)));
    }
}
