package io.netcheck.verdict.mtu;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.MtuEvidence;
import io.netcheck.probe.raw.MtuAttempt;
import java.util.List;
import java.util.Optional;

/**
 * Not even the smallest size was answered: this is not a question of size. An ICMP error names who refuses;
 * silence is most often a firewall that drops ICMP echo (and may still pass TCP).
 */
public final class MtuNoReply implements Rule<MtuEvidence> {
    @Override
    public String id() {
        return "mtu-no-reply";
    }

    @Override
    public Optional<Finding> evaluate(MtuEvidence e) {
        if (!e.sent() || e.result().pathMtu() != null) {
            return Optional.empty();
        }
        String to = AddressText.of(e.address());
        MtuAttempt error = e.result().icmpError();
        if (error != null) {
            IcmpKind kind = IcmpKind.of(4, error.icmpType(), error.icmpCode());
            Cause cause = switch (kind) {
                case NET_UNREACHABLE, TIME_EXCEEDED -> Cause.ROUTING;
                case HOST_UNREACHABLE -> Cause.HOST_UNREACHABLE;
                default -> Cause.FIREWALL_REJECT;
            };
            return Optional.of(new Finding(cause, Confidence.HIGH, AddressText.of(error.from()) + " answers the echo "
                    + "requests to " + to + " with ICMP " + kind.words(),
                    "Echo requests of every size were answered with " + MtuWords.attempt(error) + " ("
                            + MtuWords.sizes(e.result()) + "): the path MTU cannot be measured past "
                            + AddressText.of(error.from()) + ".",
                    List.of("netcheck trace " + to + " to see the path up to " + AddressText.of(error.from())))
                    .withSignals("echo requests of every size met " + MtuWords.attempt(error)));
        }
        return Optional.of(new Finding(Cause.FIREWALL_DROP, Confidence.LOW, "no echo reply from " + to
                + ", not even at " + e.result().floor() + " bytes",
                "Echo requests of " + MtuWords.sizes(e.result()).replace("lost: ", "") + " bytes all went unanswered, "
                        + "with no ICMP error: something drops ICMP echo on the way (common, and harmless for TCP), "
                        + "so the path MTU cannot be measured with it. This is not a size problem: the smallest "
                        + "packets were lost too.",
                List.of("netcheck ping " + to, "netcheck tcp " + to + ":PORT for the service itself")));
    }
}
