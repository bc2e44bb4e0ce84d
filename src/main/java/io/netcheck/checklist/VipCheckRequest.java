package io.netcheck.checklist;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code vip HOST:PORT [--backends ...]} asks for.
 *
 * @param backendTls whether real servers are spoken to over TLS too (false when the LB terminates TLS)
 * @param sni        TLS server name; null means the VIP's host name when it is a name, none for literals
 * @param pcapFile   where to write the capture; null for the configured directory
 * @param cluster    the {@code svc/} targets and, once read, what the cluster said; null when none was named
 */
public record VipCheckRequest(HostPort vip, List<HostPort> backends, boolean tls, boolean backendTls, String sni,
                              String path, Duration timeout, boolean capture, Path pcapFile, ClusterPool cluster) {
    public VipCheckRequest {
        backends = List.copyOf(backends);
    }

    public VipCheckRequest(HostPort vip, List<HostPort> backends, boolean tls, boolean backendTls, String sni,
                           String path, Duration timeout, boolean capture, Path pcapFile) {
        this(vip, backends, tls, backendTls, sni, path, timeout, capture, pcapFile, null);
    }

    /** The same request once its {@code svc/} targets have been read from the cluster. */
    public VipCheckRequest resolvedAs(HostPort vip, List<HostPort> backends, ClusterPool cluster) {
        return new VipCheckRequest(vip, backends, tls, backendTls, sni, path, timeout, capture, pcapFile, cluster);
    }

    /** What the cluster said about the pool, null when no {@code svc/} target was used (or before it was read). */
    public ServiceView service() {
        return cluster == null ? null : cluster.view();
    }
}
