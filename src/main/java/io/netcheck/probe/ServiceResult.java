package io.netcheck.probe;

/**
 * What one endpoint did: the connect (step 1), then TLS and {@code GET} when it connected (step 2).
 * {@code tls} is null when TLS was not asked for or the connect failed; {@code exchange} is null when no
 * request could be sent.
 */
public record ServiceResult(ServiceTarget target, TcpConnectResult connect, TlsResult tls, ExchangeResult exchange) {
}
