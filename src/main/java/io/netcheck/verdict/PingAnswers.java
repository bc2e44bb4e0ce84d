package io.netcheck.verdict;

import io.netcheck.check.PingEvidence;
import java.util.List;
import java.util.Optional;

/** Every echo request answered. */
final class PingAnswers implements Rule<PingEvidence> {
    @Override
    public String id() {
        return "ping-answers";
    }

    @Override
    public Optional<Finding> evaluate(PingEvidence e) {
        if (e.sent() == 0 || e.received() < e.sent()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                e.address().getHostAddress() + " answers ping", PingWords.stats(e) + ".", List.of()));
    }
}
