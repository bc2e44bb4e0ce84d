package io.netcheck.verdict.http;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.mtu.MtuWords;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.HttpHop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The response head arrived, then the body stopped before its declared length or last chunk and the
 * connection stayed silent until the deadline. Never a pass: a client waiting for that body is stuck. When
 * the path MTU was measured and is fine, the server stalls; when it could not be measured, say so.
 */
public final class HttpBodyStalls implements Rule<HttpEvidence> {
    @Override
    public String id() {
        return "http-body-stalls";
    }

    @Override
    public Optional<Finding> evaluate(HttpEvidence e) {
        HttpHop h = e.stalledBody();
        if (h == null) {
            return Optional.empty();
        }
        boolean pathFine = e.pathMtu() != null && e.pathMtu().measured() && !e.pathMtu().blackHole();
        List<String> next = new ArrayList<>();
        next.add("check the server's logs for this request: a worker or upstream that stops writing mid-response");
        if (!pathFine) {
            next.add("netcheck mtu " + AddressText.of(h.attempt().address().getAddress())
                    + " to rule out a path MTU black hole");
        }
        next.add("if a proxy or load balancer is in front, compare its log with the server's");
        return Optional.of(new Finding(Cause.APP_ERROR, pathFine ? Confidence.MEDIUM : Confidence.LOW,
                h.url().getHost() + " starts answering, then the response body stalls",
                HttpWords.hop(h) + ". The head came, then the body stopped before its end and nothing more arrived "
                        + "before the deadline" + (e.pathMtu() == null ? "" : MtuWords.measuredNote(List.of(e.pathMtu())))
                        + (pathFine ? ": full-size packets pass, so the sender stopped sending." : "."),
                next));
    }
}
