package io.netcheck.probe;

import java.time.Duration;

/**
 * One {@code curl} request: connect, optional TLS, GET, and the whole body read (up to a cap).
 *
 * @param tls          null for http, or when the connect failed
 * @param exchange     null when no request was sent
 * @param bodyBytes    body bytes read
 * @param transfer     from the first response byte to the end of the body (null when no response)
 * @param bodyComplete false when the body was cut short (cap, deadline, reset)
 */
public record HttpFetchResult(TcpConnectResult connect, TlsResult tls, ExchangeResult exchange, long bodyBytes,
                              Duration transfer, boolean bodyComplete) {
}
