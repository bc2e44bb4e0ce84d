package io.netcheck.probe;

/** The telnet test: one TCP connect, closed again at once. Connected, refused, timed out or unreachable. */
public final class TcpProbe implements Probe<ConnectTarget, TcpConnectResult> {
    @Override
    public TcpConnectResult probe(ConnectTarget target, Deadline deadline) {
        TcpConnector.Attempt attempt = TcpConnector.connect(target.address(), target.route(), deadline);
        if (attempt.socket() != null) {
            TcpConnector.closeQuietly(attempt.socket());
        }
        return attempt.result();
    }
}
