package io.netcheck.verdict.ping;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.PingEvidence;
import java.util.List;
import java.util.Optional;

/**
 * Some replies came back, some did not: packet loss on the path. Owned as ROUTING (the network team):
 * netcheck has no loss cause of its own, and loss is the network's to explain.
 */
public final class PingLoss implements Rule<PingEvidence> {
    @Override
    public String id() {
        return "ping-loss";
    }

    @Override
    public Optional<Finding> evaluate(PingEvidence e) {
        if (e.received() == 0 || e.received() == e.sent()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.ROUTING, Confidence.MEDIUM,
                e.lossPercent() + "% packet loss to " + AddressText.of(e.address()),
                PingWords.stats(e) + ". The host answers, but not every time: congestion, a flapping link, or ICMP "
                        + "rate limiting on the way. TCP retransmits hide light loss but it slows every connection.",
                List.of("repeat with --count 20 to measure it better", "netcheck trace " + AddressText.of(e.address())
                        + " to find the hop where it starts")));
    }
}
