package io.netcheck.verdict;

import io.netcheck.checklist.EndpointEvidence;
import io.netcheck.checklist.EndpointState;
import io.netcheck.checklist.Layer;
import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/**
 * The VIP refused with RST. Who sent it decides the blame: the TTL shows whether the load balancer host
 * refused (nothing listens on the VIP port) or a real server refused through NAT (the LB forwards to a
 * port that is closed).
 */
final class VipRefused implements VipRule {
    @Override
    public String id() {
        return "vip-refused";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        EndpointEvidence vip = e.vip();
        if (vip.state() != EndpointState.REFUSED || vip.wire().icmp() != null) {
            return Optional.empty();
        }
        String refusal = Describe.connect(vip);
        Integer resetHops = vip.wire().resetSeen() ? vip.wire().resetHops() : null;
        Integer serverHops = e.backends().stream().map(EndpointEvidence::answerHops).filter(h -> h != null)
                .findFirst().orElse(null);
        boolean forwarded = e.layer().layer() == Layer.L4_PASSTHROUGH;
        boolean lbItself = resetHops != null && serverHops != null && resetHops < serverHops;
        boolean someUp = e.backendsUp() > 0;
        boolean allRefusing = e.hasBackends() && e.backends().stream().allMatch(b -> b.state().refusing());

        if (lbItself) {
            return Optional.of(notListening(e, refusal + ". The RST came from closer than the real servers ("
                    + serverHops + " hops): the load balancer host itself refused, so nothing listens on "
                    + vip.target().label() + ".", Confidence.HIGH));
        }
        if (forwarded && allRefusing) {
            return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH,
                    "the VIP forwards to real servers that refuse connections",
                    refusal + ". That RST came from as far away as the real servers: the VIP NATs the connection "
                            + "to a real server, and that server refused. Probed directly: " + Describe.backends(e) + ".",
                    List.of("start the service on the real servers, or check it listens on the expected address "
                            + "and port (ss -ltnp)")));
        }
        if (forwarded && someUp) {
            return Optional.of(new Finding(Cause.LB_MISCONFIGURED, Confidence.HIGH,
                    "the load balancer forwards to a port the real servers do not listen on",
                    refusal + ". That RST came from as far away as the real servers, so the VIP NATs connections "
                            + "to a real server that refuses them — yet probed directly on "
                            + "the configured port, " + Describe.backends(e) + ". The LB's target port or pool "
                            + "members are wrong.",
                    List.of("compare the LB's pool/DNAT target ports with the port the servers listen on",
                            "check the LB's pool members are the servers given in --backends")));
        }
        if (e.hasBackends() && !someUp && e.backends().stream().anyMatch(b -> b.state().refusing())) {
            return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM,
                    "the real servers refuse connections, and so does the VIP",
                    refusal + ". The real servers refuse too: " + Describe.backends(e) + ". Whether the VIP's RST "
                            + "is forwarded from a server or sent by the LB itself could not be told "
                            + (e.capture().available() ? "from the TTLs" : "without a capture")
                            + "; the servers are down either way, so that is the first thing to fix.",
                    List.of("start the service on the real servers", "then re-run: if the VIP still refuses, the "
                            + "load balancer is not listening on " + vip.target().label())));
        }
        String context = e.hasBackends() ? " The real servers: " + Describe.backends(e) + "."
                : " No --backends were given, so a NAT VIP forwarding to a closed server port cannot be ruled out.";
        return Optional.of(notListening(e, refusal + ". The VIP refused the connection outright." + context,
                e.hasBackends() && someUp ? Confidence.MEDIUM : Confidence.MEDIUM));
    }

    private static Finding notListening(VipEvidence e, String explanation, Confidence confidence) {
        return new Finding(Cause.VIP_NOT_LISTENING, confidence,
                "nothing listens on " + e.vip().target().label(),
                explanation,
                List.of("check the virtual server/frontend for " + e.vip().target().label()
                                + " exists and is enabled on the load balancer",
                        "check the LB process is running and bound to that address and port"));
    }
}
