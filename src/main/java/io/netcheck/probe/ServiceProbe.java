package io.netcheck.probe;

import java.net.Socket;

/**
 * The telnet-then-{@code GET /} test of the LB checklist against one endpoint: TCP connect, optional TLS
 * handshake, one HTTP request, all within one deadline.
 */
public final class ServiceProbe implements Probe<ServiceTarget, ServiceResult> {

    @Override
    public ServiceResult probe(ServiceTarget target, Deadline deadline) {
        TcpConnector.Attempt attempt = TcpConnector.connect(target.address(), target.route(), deadline);
        if (!attempt.result().connected()) {
            return new ServiceResult(target, attempt.result(), null, null);
        }
        Socket socket = attempt.socket();
        try {
            TlsResult tls = null;
            if (target.tls()) {
                TlsHandshake.Outcome handshake = TlsHandshake.run(socket, target, deadline);
                tls = handshake.result();
                if (!tls.established()) {
                    return new ServiceResult(target, attempt.result(), tls, null);
                }
                socket = handshake.socket();
            }
            ExchangeResult exchange = HttpExchange.get(socket, target.hostHeader(), target.path(), deadline);
            return new ServiceResult(target, attempt.result(), tls, exchange);
        } finally {
            TcpConnector.closeQuietly(socket);
        }
    }
}
