package io.netcheck.verdict.mtu;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.MtuEvidence;
import java.util.List;
import java.util.Optional;

/** Full-size packets (the interface MTU) get there and back. */
public final class MtuFullSize implements Rule<MtuEvidence> {
    @Override
    public String id() {
        return "mtu-full-size";
    }

    @Override
    public Optional<Finding> evaluate(MtuEvidence e) {
        if (!e.sent() || !e.result().fullSize()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH, MtuWords.summary(e.result()),
                "Echo requests with don't-fragment set of " + e.result().pathMtu() + " bytes, the MTU of "
                        + e.result().iface() + ", are answered (" + MtuWords.sizes(e.result()) + "): no link on the "
                        + "way is smaller.", List.of())
                // One observation: the full-size echo came back.
                .withSignals(e.result().pathMtu() + "-byte don't-fragment echoes are answered"));
    }
}
