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
 * Every echo request went unanswered without an ICMP error. The guide's warning applies: many firewalls
 * drop ICMP and still pass TCP, so this is a drop of ICMP, not proof that the host is down.
 */
public final class PingNoReply implements Rule<PingEvidence> {
    @Override
    public String id() {
        return "ping-no-reply";
    }

    @Override
    public Optional<Finding> evaluate(PingEvidence e) {
        if (e.sent() == 0 || e.received() > 0 || e.firstError() != null) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.FIREWALL_DROP, Confidence.LOW,
                "no echo reply from " + AddressText.of(e.address()),
                PingWords.stats(e) + ", no ICMP error from the path either. Something drops the echo requests or the "
                        + "replies: a firewall that filters ICMP (common, and harmless for TCP services), or a host "
                        + "that is down behind a router that does not report it. Ping alone cannot tell which.",
                List.of("netcheck tcp " + AddressText.of(e.address()) + ":PORT for the service itself",
                        "netcheck trace " + AddressText.of(e.address()) + " to see where the path goes silent")));
    }
}
