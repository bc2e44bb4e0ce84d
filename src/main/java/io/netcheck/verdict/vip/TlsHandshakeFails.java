package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.Attribution;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.util.List;
import java.util.Optional;

/** TCP works but the TLS handshake with the VIP fails. */
public final class TlsHandshakeFails implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "tls-handshake-fails";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (e.vip().state() != EndpointState.TLS_FAILED) {
            return Optional.empty();
        }
        var tls = e.vip().result().tls();
        // Who terminates TLS: the VIP host itself (a TLS-terminating LB) is the LB team's; behind a pass-through
        // VIP the servers terminate it, and a failure is theirs to look at too.
        boolean lbTerminates = e.attribution().origin() == Attribution.Origin.VIP_HOST;
        return Optional.of(new Finding(Cause.TLS, Confidence.HIGH,
                "the TLS handshake with " + e.vip().target().label() + " fails",
                "The TCP connection was accepted (" + Describe.connect(e.vip()) + "), but the TLS handshake"
                        + (tls.sni() != null ? " with SNI " + tls.sni() : " without SNI") + " failed: " + tls.error()
                        + ". Whoever terminates TLS for this VIP (usually the load balancer) has no certificate or "
                        + "protocol/cipher it can agree on for this name.",
                List.of("check the certificate bound to this VIP/SNI name on the load balancer",
                        "try --sni with the name clients use; compare with openssl s_client -connect "
                                + e.vip().target().label() + " -servername <name>"))
                .withSignals("the TLS handshake failed after TCP was accepted: " + tls.error(),
                        lbTerminates ? "the VIP host itself accepted the connection: " + e.attribution().signals()
                                .get(0) : null));
    }
}
