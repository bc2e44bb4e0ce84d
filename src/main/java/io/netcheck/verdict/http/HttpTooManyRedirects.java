package io.netcheck.verdict.http;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.HttpEvidence;
import java.util.List;
import java.util.Optional;

/** The redirect chain did not end within five redirects (a loop, usually), or led somewhere not followable. */
public final class HttpTooManyRedirects implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-redirects-do-not-end";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        if (e.stopped() == null) {
            return Optional.empty();
        }
        boolean loop = e.stopped().startsWith("more than");
        return Optional.of(new Finding(Cause.APP_ERROR, loop ? Confidence.HIGH : Confidence.MEDIUM,
                loop ? "redirect loop at " + e.request().url() : "redirect not followed",
                e.stopped() + ". " + (loop ? "Clients give up the same way. A classic cause: a load balancer "
                        + "terminates TLS and forwards plain HTTP, and the application, not told the original "
                        + "scheme (X-Forwarded-Proto), redirects to https again and again." : ""),
                List.of("curl -sIL " + e.request().url() + " to see each Location",
                        "check the application's redirect rules and the headers the load balancer forwards"))
                // Each redirect is its own request and answer: the loop rests on several of them.
                .withSignals(e.hops().stream().filter(h -> h.location() != null).limit(3)
                        .map(h -> HttpWords.hop(h) + " → Location " + h.location()).toList()));
    }
}
