package io.netcheck.verdict.http;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.HttpEvidence;
import java.util.List;
import java.util.Optional;

/** Connected (and TLS done), but the request got no HTTP response: reset, closed, silence, or not HTTP. */
public final class HttpNoResponse implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-no-response";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        if (!e.noResponse()) {
            return Optional.empty();
        }
        var h = e.last();
        var w = h.attempt().wire();
        String wire = w.resetSeen() ? " The packets show an RST from " + AddressText.of(w.resetFrom())
                + Describe.hops(w.resetTtl()) + "." : w.peerFin() && w.peerBytes() == 0
                ? " The packets show the server closing (FIN) without sending a byte: typical of a TCP-mode proxy "
                + "or load balancer that could not reach its backend." : "";
        return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                h.url().getHost() + " accepts connections but does not answer HTTP",
                HttpWords.hop(h) + "." + wire + " The TCP connection opened, so the network path works; the "
                        + "process behind the port (or a proxy in front of it) does not serve this request.",
                List.of("check the service's logs for the request", "if a load balancer is in front, run netcheck vip "
                        + h.url().getHost() + ":" + h.attempt().address().getPort() + " --backends ...")));
    }
}
