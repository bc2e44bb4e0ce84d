package io.netcheck.verdict.http;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.HttpHop;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A 2xx/3xx at the end of the chain. Says so when the chain left the host it started on. */
public final class HttpOk implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-ok";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        var r = e.response();
        if (r == null || r.status() >= 400 || e.stopped() != null || e.stalledBody() != null) {
            return Optional.empty();
        }
        String count = e.redirects() + " redirect" + (e.redirects() == 1 ? "" : "s");
        String chain = e.hops().size() == 1 ? "" : " Followed " + count + ": " + e.hops().stream()
                .map(h -> h.url().toString()).collect(Collectors.joining(" → ")) + ".";
        String left = e.leftHost() ? " NOTE: the chain left " + e.request().url().getHost() + " for "
                + e.hops().stream().filter(HttpHop::crossHost).map(h -> h.location().getHost()).distinct()
                .collect(Collectors.joining(", ")) + ": the answer comes from another host." : "";
        String insecure = e.request().insecure() && e.hops().stream().anyMatch(h -> h.tls() != null
                && h.tls().rejected()) ? " (--insecure: certificate problems were ignored, see the tls "
                + "steps)" : "";
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                e.request().url() + " answers " + r.status() + (e.hops().size() == 1 ? "" : " after " + count),
                HttpWords.hop(e.last()) + "; " + HttpWords.timings(e.last().timings()) + "." + chain + left + insecure,
                List.of()).withSignals(HttpWords.hop(e.last()), onTheWire(e.last())));
    }

    /** The answer seen in the packets, beside the HTTP client's reading of it. */
    private static String onTheWire(HttpHop h) {
        var w = h.attempt().wire();
        return w.peerBytes() > 0 ? "on the wire: " + w.peerBytes() + " bytes from "
                + AddressText.of(h.attempt().address().getAddress()) + " after netcheck's request" : null;
    }
}
