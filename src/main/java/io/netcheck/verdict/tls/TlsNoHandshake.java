package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import java.util.List;
import java.util.Optional;

/**
 * TCP connected, but no TLS session came of it: not TLS on that port, no certificate for the name, no common cipher.
 * One rule for {@code tls}, {@code http} and the VIP checklist's VIP ({@code TlsObservation.failedAt}).
 */
public final class TlsNoHandshake implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-handshake-fails";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (o.tls().established()) {
            return Optional.empty();
        }
        String error = String.valueOf(o.tls().error());
        String hint = error.contains("Unsupported or unrecognized SSL message") || error.contains("plaintext")
                ? " The server answered in plain text: the port does not speak TLS."
                : error.contains("handshake_failure") ? " The server refused every offered cipher/protocol, or has no "
                + "certificate for the name sent (SNI " + o.tls().sni() + ")."
                : error.contains("closed") || error.contains("reset") || error.contains("EOF")
                ? " The server (or something in front of it) closed the connection during the handshake." : "";
        return Optional.of(new Finding(Cause.TLS, Confidence.HIGH, "no TLS handshake with " + o.label(),
                TlsWords.handshake(o.tls()) + "." + hint,
                List.of("openssl s_client -connect " + o.label() + (o.tls().sni() != null ? " -servername "
                                + o.tls().sni() : "") + " to see the server's side",
                        "check the listener on " + o.label() + " is configured for TLS with a certificate for the name"))
                .withSignals("the TLS library: " + error, TlsWords.onTheWire(o.wire())));
    }
}
