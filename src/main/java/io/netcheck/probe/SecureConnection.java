package io.netcheck.probe;

import java.net.Socket;

/** Connect, then TLS when the target asks for it: the opening every request-sending probe shares. */
final class SecureConnection {
    private SecureConnection() {
    }

    /** @param socket open and ready for the request, or null when the connect or the handshake failed */
    record Opened(TcpConnectResult connect, TlsResult tls, Socket socket) {
    }

    static Opened open(ServiceTarget target, Deadline deadline, CertificateCheck certificates) {
        TcpConnector.Attempt attempt = TcpConnector.connect(target.address(), target.route(), deadline);
        if (!attempt.result().connected() || !target.tls()) {
            return new Opened(attempt.result(), null, attempt.socket());
        }
        TlsHandshake.Outcome handshake = TlsHandshake.run(attempt.socket(), target, deadline, certificates);
        if (!handshake.result().established()) {
            TcpConnector.closeQuietly(attempt.socket());
            return new Opened(attempt.result(), handshake.result(), null);
        }
        return new Opened(attempt.result(), handshake.result(), handshake.socket());
    }
}
