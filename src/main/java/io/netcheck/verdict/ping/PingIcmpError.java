package io.netcheck.verdict.ping;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.PingEvidence;
import io.netcheck.probe.raw.EchoReply;
import java.util.List;
import java.util.Optional;

/** A router or firewall answered the echo requests with an ICMP error: it names itself and the reason. */
public final class PingIcmpError implements Rule<PingEvidence> {
    @Override
    public String id() {
        return "ping-icmp-error";
    }

    @Override
    public Optional<Finding> evaluate(PingEvidence e) {
        EchoReply r = e.firstError();
        if (r == null || e.received() > 0) {
            return Optional.empty();
        }
        IcmpKind kind = PingWords.kind(r);
        Cause cause = switch (kind) {
            case NET_UNREACHABLE, TIME_EXCEEDED -> Cause.ROUTING;
            case HOST_UNREACHABLE -> Cause.HOST_UNREACHABLE;
            default -> Cause.FIREWALL_REJECT;
        };
        String from = AddressText.of(r.errorFrom());
        String meaning = switch (cause) {
            case ROUTING -> kind == IcmpKind.TIME_EXCEEDED ? "the packets loop until their TTL runs out"
                    : "router " + from + " has no route to " + AddressText.of(e.address());
            case HOST_UNREACHABLE -> "router " + from + " reached the subnet but nobody answers ARP for "
                    + AddressText.of(e.address()) + ": the host is down or does not have the address";
            default -> from + " rejects the packets (a filter in the path)";
        };
        return Optional.of(new Finding(cause, Confidence.HIGH, meaning,
                "The echo requests to " + AddressText.of(e.address()) + " were answered with " + PingWords.error(r)
                        + " (" + PingWords.stats(e) + "): " + meaning + ".",
                List.of("netcheck trace " + AddressText.of(e.address()) + " to see the path up to " + from))
                // Each echo met by the same error from the same sender is one observation: one echo is MEDIUM.
                .withSignals(e.replies().stream().filter(x -> r.errorFrom().equals(x.errorFrom())
                                && x.errorType() == r.errorType() && x.errorCode() == r.errorCode()).limit(3)
                        .map(x -> "echo " + x.seq() + ": " + PingWords.error(x)).toList()));
    }
}
