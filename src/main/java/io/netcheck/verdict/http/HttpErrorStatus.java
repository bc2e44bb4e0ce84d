package io.netcheck.verdict.http;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.Attribution;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.HttpEvidence;
import java.util.List;
import java.util.Optional;

/**
 * The application answered with an error: 5xx (it failed) or 4xx (it refused this request). The network
 * path and the server are fine; the answer is not.
 */
public final class HttpErrorStatus implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-error-status";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        var r = e.response();
        if (r == null || r.status() < 400) {
            return Optional.empty();
        }
        boolean server = r.status() >= 500;
        return Optional.of(new Finding(Cause.APP_ERROR, server ? Confidence.HIGH : Confidence.MEDIUM,
                e.last().url() + " answers " + r.statusLine().replaceFirst("^HTTP/[0-9.]+ ", ""),
                HttpWords.hop(e.last()) + ". " + (server ? "The server application failed to handle the request: "
                        + "the network and the server's listener work, the application does not."
                        : "The server is reachable and answers, but refuses this request (wrong path, missing "
                        + "authentication, or an access rule): a client or application matter, not the network.")
                        + (r.errorBodySnippet() != null && !r.errorBodySnippet().isEmpty()
                        ? " Body: \"" + r.errorBodySnippet() + "\"" : ""),
                List.of(server ? "check the application's logs for this request" : "check the URL and the access "
                        + "rules for " + e.last().url().getPath()))
                .withSignals(HttpWords.hop(e.last()), server ? fromTargetHost(e.last().attempt()) : null));
    }

    /**
     * The connection was accepted by the target host itself (its SYN-ACK matches the host's own packets), so the
     * error page is the host's, not a device's in front of it: the second signal for an application error.
     */
    private static String fromTargetHost(ConnectAttempt a) {
        var who = a.origin();
        return who.origin() == Attribution.Origin.VIP_HOST && !who.signals().isEmpty()
                ? "the target host itself accepted the connection: " + who.signals().get(0) : null;
    }
}
