package io.netcheck.verdict.ping;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.PingEvidence;
import io.netcheck.probe.raw.EchoReply;
import java.util.List;
import java.util.Optional;

/** Every echo request answered. */
public final class PingAnswers implements Rule<PingEvidence> {
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
                AddressText.of(e.address()) + " answers ping", PingWords.stats(e) + ".", List.of())
                // Each answered echo is one observation: a single one is MEDIUM.
                .withSignals(e.replies().stream().filter(EchoReply::answered).limit(3)
                        .map(r -> "echo " + r.seq() + ": reply from " + AddressText.of(e.address())
                                + Describe.hops(r.replyTtl()) + " in " + Describe.ms(r.rtt())).toList()));
    }
}
