package io.netcheck.probe;

import java.net.InetSocketAddress;

/**
 * One endpoint to connect to and ask {@code GET path}: the VIP or a real server.
 *
 * @param label      how the user named it (host:port as typed)
 * @param address    the exact resolved address to use: probes never resolve again (no rebinding)
 * @param hostHeader Host header and default SNI name
 * @param sni        TLS server name to send, null to send none (e.g. when the host is an IP literal)
 */
public record ServiceTarget(String label, InetSocketAddress address, Route route, String hostHeader, String path,
                            boolean tls, String sni) {
    /** The same endpoint and request in plain HTTP: a server behind a TLS-terminating load balancer. */
    public ServiceTarget withoutTls() {
        return new ServiceTarget(label, address, route, hostHeader, path, false, null);
    }
}
