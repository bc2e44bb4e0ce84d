package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;

/** The probe never left netcheck's own host: no route, cannot bind, not permitted. */
public final class LocalFault implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "local-fault";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (e.vip().state() != EndpointState.LOCAL_ERROR) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.LOCAL, Confidence.HIGH,
                "netcheck's own host cannot send to the VIP",
                "The connection attempt failed before any packet left this host: " + Describe.connect(e.vip())
                        + ". Nothing can be said about the network or the load balancer until netcheck's host "
                        + "(pod, node, VM) has a route and permission to reach " + e.vip().target().label() + ".",
                List.of("check the routing table of netcheck's host (ip route get <VIP>)",
                        "check egress policies on netcheck's host (NetworkPolicy, local iptables OUTPUT)"))
                // The empty capture is a second signal only for a socket that was made (its flow is known);
                // with no socket at all there was nothing for the capture to hold.
                .withSignals(Describe.connect(e.vip()), e.capture().available() && e.vip().result() != null
                        && e.vip().wire().packets() == 0
                        ? "the capture holds no packet of this attempt: nothing left this host" : null));
    }
}
