package io.netcheck.verdict.banner;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.BannerEvidence;
import java.util.List;
import java.util.Optional;

/** Connected, and the service greeted: it is up and says what it is. */
public final class BannerSaid implements Rule<BannerEvidence> {
    @Override
    public String id() {
        return "banner-said";
    }

    @Override
    public Optional<Finding> evaluate(BannerEvidence e) {
        if (!e.attempt().connected() || !e.said()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                e.request().target().label() + " answers: " + e.banner(),
                ConnectWords.connect(e.attempt()) + ". The service greeted " + Describe.ms(e.after())
                        + " after the connect with \"" + e.banner() + "\".",
                List.of()).withSignals(ConnectWords.connected(e.attempt())).withSignals(
                e.bytes() + " bytes of greeting " + Describe.ms(e.after()) + " after the handshake"));
    }
}
