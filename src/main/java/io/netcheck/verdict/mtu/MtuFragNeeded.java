package io.netcheck.verdict.mtu;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.MtuEvidence;
import io.netcheck.probe.raw.MtuAttempt;
import java.util.List;
import java.util.Optional;

/**
 * A smaller link on the way, announced properly: the router answers larger packets with ICMP
 * "fragmentation needed" and its next-hop MTU, so TCP (path MTU discovery) adapts. Healthy, with a note.
 */
public final class MtuFragNeeded implements Rule<MtuEvidence> {
    @Override
    public String id() {
        return "mtu-frag-needed";
    }

    @Override
    public Optional<Finding> evaluate(MtuEvidence e) {
        if (!e.sent() || e.result().pathMtu() == null || e.result().blackHole() || e.result().problem() != null) {
            return Optional.empty();
        }
        MtuAttempt fn = e.result().fragNeeded();
        if (fn == null) {
            return Optional.empty();
        }
        var r = e.result();
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH, MtuWords.summary(r),
                "Larger packets are answered with " + MtuWords.attempt(fn) + ", and " + r.pathMtu() + " bytes pass ("
                        + MtuWords.sizes(r) + "). Note: the path MTU is below the " + r.interfaceMtu() + " bytes of "
                        + r.iface() + ", but the router says so, as it should: TCP learns it (path MTU discovery) and "
                        + "sends smaller segments. Only a firewall that drops that ICMP would turn it into a black "
                        + "hole.", List.of())
                .withSignals("larger packets: " + MtuWords.attempt(fn), r.pathMtu() + "-byte don't-fragment echoes "
                        + "are answered"));
    }
}
