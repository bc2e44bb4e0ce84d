package io.netcheck.check;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code vip HOST:PORT [--backends ...]} asks for.
 *
 * @param backendTls whether real servers are spoken to over TLS too (false when the LB terminates TLS)
 * @param sni        TLS server name; null means the VIP's host name when it is a name, none for literals
 * @param pcapFile   where to write the capture; null for the configured directory
 */
public record VipCheckRequest(HostPort vip, List<HostPort> backends, boolean tls, boolean backendTls, String sni,
                              String path, Duration timeout, boolean capture, Path pcapFile) {
    public VipCheckRequest {
        backends = List.copyOf(backends);
    }
}
