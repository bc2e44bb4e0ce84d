package io.netcheck.check;

import io.netcheck.probe.ExchangeResult;
import io.netcheck.probe.HttpResponseSummary;
import java.net.URI;

/**
 * One request of the chain curl -L would make.
 *
 * @param tls       the handshake for https, null for http or when the connect failed
 * @param exchange  null when no request was sent
 * @param location  the absolute redirect target when the response is a redirect, null otherwise
 * @param crossHost the redirect leaves for another host
 */
public record HttpHop(URI url, ConnectAttempt attempt, TlsObservation tls, ExchangeResult exchange, long bodyBytes,
                      boolean bodyComplete, HttpTimings timings, URI location, boolean crossHost) {
    public HttpResponseSummary response() {
        return exchange == null ? null : exchange.response();
    }
}
