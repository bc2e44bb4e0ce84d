package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import java.util.List;
import java.util.Optional;

/** Handshake done, chain trusted, name covered, not near expiry. */
public final class TlsHealthy implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-healthy";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH, "TLS on " + o.label() + " is healthy",
                TlsWords.handshake(o.tls()) + "; " + TlsWords.certificate(o.leaf()) + ", " + o.daysLeft()
                        + " days left, chain trusted, name covered.", List.of())
                .withSignals("the TLS library: " + TlsWords.handshake(o.tls()) + ", chain trusted, name covered, "
                        + o.daysLeft() + " days left", TlsWords.onTheWire(o.wire())));
    }
}
