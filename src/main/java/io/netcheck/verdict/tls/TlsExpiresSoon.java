package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TlsObservation;
import java.util.List;
import java.util.Optional;

/** The certificate works today but expires within the warning window (14 days unless configured). */
public final class TlsExpiresSoon implements Rule<TlsObservation> {
    @Override
    public String id() {
        return "tls-expires-soon";
    }

    @Override
    public Optional<Finding> evaluate(TlsObservation o) {
        if (!o.tls().established() || !o.expiresSoon()) {
            return Optional.empty();
        }
        // One observation (the leaf's expiry date) judged against this host's clock: MEDIUM.
        return Optional.of(new Finding(Cause.TLS, Confidence.MEDIUM,
                "the certificate of " + o.label() + " expires in " + o.daysLeft() + " day"
                        + (o.daysLeft() == 1 ? "" : "s"),
                "The certificate (" + TlsWords.certificate(o.leaf()) + ") is valid today but expires on "
                        + o.leaf().notAfter() + ", within the " + o.warnDays() + "-day warning window. After that "
                        + "every client refuses it.",
                List.of("renew the certificate for " + TlsWords.checkedName(o) + " now, and check automatic renewal"))
                .withSignals("the certificate expires on " + o.leaf().notAfter() + ", checked at " + o.at()
                        + " by this host's clock"));
    }
}
