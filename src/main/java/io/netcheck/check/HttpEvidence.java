package io.netcheck.check;

import io.netcheck.check.CaptureSummary;
import io.netcheck.check.PathMtu;
import io.netcheck.probe.ExchangeOutcome;
import io.netcheck.probe.HttpResponseSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code http} run learnt: each request of the redirect chain.
 *
 * @param stopped why the chain was not followed to its end (too many redirects, unsupported target), null
 *                when it ended normally
 * @param pathMtu the path MTU follow-up when a request stalled after it was sent, null when none did
 */
public record HttpEvidence(HttpCheckRequest request, Instant startedAt, Duration elapsed, List<HttpHop> hops,
                           String stopped, CaptureSummary capture, PathMtu pathMtu) {
    public HttpEvidence {
        hops = List.copyOf(hops);
    }

    /** Evidence of a run in which no path MTU follow-up was needed. */
    public HttpEvidence(HttpCheckRequest request, Instant startedAt, Duration elapsed, List<HttpHop> hops,
                        String stopped, CaptureSummary capture) {
        this(request, startedAt, elapsed, hops, stopped, capture, null);
    }

    /**
     * The request whose answer stalled after it was sent: the first whose body stalled, else the last when
     * it got silence; null when none stalled.
     */
    public HttpHop stalled() {
        HttpHop body = stalledBody();
        if (body != null) {
            return body;
        }
        HttpHop h = last();
        return h.attempt().connected() && h.exchange() != null && h.exchange().outcome() == ExchangeOutcome.NO_RESPONSE
                ? h : null;
    }

    public HttpHop last() {
        return hops.get(hops.size() - 1);
    }

    /** The final response, null when the last request got none. */
    public HttpResponseSummary response() {
        return last().response();
    }

    /** The last request's connect attempt when it failed, null otherwise. */
    public ConnectAttempt failedConnect() {
        return last().attempt().connected() ? null : last().attempt();
    }

    /**
     * The first TLS handshake a verifying client would reject (failed, or, unless --insecure, a certificate
     * problem: expired, not yet valid, wrong name, weak, untrusted); null when there is none.
     */
    public TlsObservation tlsJudged() {
        for (HttpHop h : hops) {
            TlsObservation t = h.tls();
            if (t == null) {
                continue;
            }
            boolean bad = !t.tls().established() || !request.insecure() && t.rejected();
            if (bad) {
                return t;
            }
        }
        return null;
    }

    /** Connected (and TLS done) but no HTTP response came back on the last request. */
    public boolean noResponse() {
        HttpHop h = last();
        return h.attempt().connected() && (h.tls() == null || h.tls().tls().established())
                && (h.exchange() == null || h.exchange().outcome() != ExchangeOutcome.RESPONSE
                && h.exchange().outcome() != ExchangeOutcome.BODY_STALLED);
    }

    /** The first request whose head arrived but whose body stalled, null when none did. */
    public HttpHop stalledBody() {
        return hops.stream().filter(h -> h.exchange() != null && h.exchange().outcome() == ExchangeOutcome.BODY_STALLED)
                .findFirst().orElse(null);
    }

    public long redirects() {
        return hops.stream().filter(h -> h.location() != null).count();
    }

    public boolean leftHost() {
        return hops.stream().anyMatch(HttpHop::crossHost);
    }
}
