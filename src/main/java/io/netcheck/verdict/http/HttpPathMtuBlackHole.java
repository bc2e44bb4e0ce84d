package io.netcheck.verdict.http;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.mtu.MtuWords;
import io.netcheck.verdict.vip.PathMtuBlackHole;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.HttpHop;
import io.netcheck.check.PathMtu;
import java.util.Optional;

/**
 * A request stalled after it was sent (silence, or a body that stopped) and the path MTU follow-up found a
 * black hole: small packets pass, larger ones vanish without ICMP "fragmentation needed". The server is not
 * at fault; the network is. Tried before the rules that would blame the application for that stall.
 */
public final class HttpPathMtuBlackHole implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-path-mtu-black-hole";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        PathMtu hole = e.pathMtu();
        HttpHop stalled = e.stalled();
        if (hole == null || !hole.blackHole() || stalled == null) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.ROUTING, Confidence.HIGH, MtuWords.summary(hole.result()),
                "The connection opens and the request goes out, then the answer stalls: " + HttpWords.hop(stalled)
                        + ". Echo requests with don't-fragment set towards " + AddressText.of(hole.address())
                        + " show why: " + MtuWords.blackHole(hole.result()) + " (" + MtuWords.sizes(hole.result())
                        + "). A link on the way carries at most " + hole.result().pathMtu() + " bytes and the ICMP "
                        + "that should say so never arrives, so TCP keeps sending full-size segments into the hole: "
                        + "small answers pass, full-size ones vanish. The server is not at fault.",
                PathMtuBlackHole.nextSteps(AddressText.of(hole.address()), hole.result().pathMtu()))
                .withSignals("TCP: the request went out, then the answer stalled (" + HttpWords.hop(stalled) + ")",
                        "ICMP: " + MtuWords.blackHole(hole.result())));
    }
}
