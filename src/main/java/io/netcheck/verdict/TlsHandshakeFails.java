package io.netcheck.verdict;

import io.netcheck.checklist.EndpointState;
import io.netcheck.checklist.VipEvidence;
import java.util.List;
import java.util.Optional;

/** TCP works but the TLS handshake with the VIP fails. */
final class TlsHandshakeFails implements VipRule {
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
        return Optional.of(new Finding(Cause.TLS, Confidence.HIGH,
                "the TLS handshake with " + e.vip().target().label() + " fails",
                "The TCP connection was accepted (" + Describe.connect(e.vip()) + "), but the TLS handshake"
                        + (tls.sni() != null ? " with SNI " + tls.sni() : " without SNI") + " failed: " + tls.error()
                        + ". Whoever terminates TLS for this VIP (usually the load balancer) has no certificate or "
                        + "protocol/cipher it can agree on for this name.",
                List.of("check the certificate bound to this VIP/SNI name on the load balancer",
                        "try --sni with the name clients use; compare with openssl s_client -connect "
                                + e.vip().target().label() + " -servername <name>")));
    }
}
