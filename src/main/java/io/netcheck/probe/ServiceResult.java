package io.netcheck.probe;

/**
 * What one endpoint did: the connect (step 1), then TLS and {@code GET} when it connected (step 2).
 * {@code tls} is null when TLS was not asked for or the connect failed; {@code exchange} is null when no
 * request could be sent.
 *
 * @param tlsAttempt when the server answered a TLS ClientHello in clear text and was asked again in plain
 *                   HTTP, that first attempt (this result is then the plain one); null otherwise
 */
public record ServiceResult(ServiceTarget target, TcpConnectResult connect, TlsResult tls, ExchangeResult exchange,
                           ServiceResult tlsAttempt) {
    public ServiceResult(ServiceTarget target, TcpConnectResult connect, TlsResult tls, ExchangeResult exchange) {
        this(target, connect, tls, exchange, null);
    }

    /** This plain-HTTP result after a TLS attempt the server answered in clear text. */
    public ServiceResult after(ServiceResult tlsAttempt) {
        return new ServiceResult(target, connect, tls, exchange, tlsAttempt);
    }

    /**
     * The server speaks plain HTTP where the client spoke TLS to the VIP: it answered the ClientHello in
     * clear text, and an HTTP request without TLS: whoever sits in front of it terminates TLS.
     */
    public boolean plainHttpBehindTls() {
        return tlsAttempt != null && exchange != null && exchange.outcome() == ExchangeOutcome.RESPONSE;
    }
}
