package io.netcheck.verdict.mtu;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.vip.PathMtuBlackHole;
import io.netcheck.check.MtuEvidence;
import java.util.Optional;

/** Small packets pass, larger ones vanish without ICMP "fragmentation needed": a path MTU black hole. */
public final class MtuBlackHole implements Rule<MtuEvidence> {
    @Override
    public String id() {
        return "mtu-black-hole";
    }

    @Override
    public Optional<Finding> evaluate(MtuEvidence e) {
        if (!e.sent() || !e.result().blackHole()) {
            return Optional.empty();
        }
        var r = e.result();
        return Optional.of(new Finding(Cause.ROUTING, Confidence.HIGH, MtuWords.summary(r),
                "Echo requests with don't-fragment set towards " + AddressText.of(r.destination()) + ": "
                        + MtuWords.blackHole(r) + " (" + MtuWords.sizes(r) + "). A link on the way carries at most "
                        + r.pathMtu() + " bytes and no router says so (or a firewall drops the ICMP that would), so "
                        + "TCP connections open and small requests pass, but full-size segments vanish: downloads, "
                        + "large responses and TLS handshakes with big certificates hang.",
                PathMtuBlackHole.nextSteps(AddressText.of(r.destination()), r.pathMtu()))
                .withSignals(MtuWords.blackHoleSignals(r)));
    }
}
