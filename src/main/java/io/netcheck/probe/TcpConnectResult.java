package io.netcheck.probe;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * @param local  the socket netcheck connected from (bound before connecting, so known even on failure)
 * @param error  the operating system's words for a failure, null when connected
 */
public record TcpConnectResult(ConnectOutcome outcome, InetSocketAddress remote, InetSocketAddress local,
                               Duration elapsed, String error) {
    public boolean connected() {
        return outcome == ConnectOutcome.CONNECTED;
    }
}
