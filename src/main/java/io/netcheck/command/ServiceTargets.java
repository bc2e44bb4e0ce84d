package io.netcheck.command;

import io.netcheck.checklist.ClusterPool;
import io.netcheck.checklist.HostPort;
import io.netcheck.checklist.ServiceRef;
import io.netcheck.checklist.Via;

/**
 * The {@code svc/NAME[.NAMESPACE][:PORT]} words of {@code vip} and {@code --backends}, and {@code --via}. Parsing
 * only: the cluster is read when the check runs (so a watch follows the pool as it changes).
 */
final class ServiceTargets {
    private ServiceTargets() {
    }

    static ServiceRef vip(String word) {
        return ServiceRef.isService(word) ? ServiceRef.parse(Targets.shown(word)) : null;
    }

    /** Until the cluster is read, the VIP is named by its Service (port 0: not an address anyone can probe). */
    static HostPort placeholder(ServiceRef ref) {
        return new HostPort(ref.label(), 0);
    }

    /** The Service of {@code --backends svc/...}, or null when the value lists HOST:PORT pairs. */
    static ServiceRef backends(String value) {
        if (value == null || !value.contains(ServiceRef.PREFIX)) {
            return null;
        }
        if (value.contains(",")) {
            throw new IllegalArgumentException("--backends takes either one svc/NAME[.NAMESPACE][:PORT] or HOST:PORT "
                    + "pairs, not both or several Services");
        }
        return ServiceRef.parse(Targets.shown(value.trim()));
    }

    /** The cluster part of the request; null when no Service was named. A VIP Service also gives the backends by default. */
    static ClusterPool pool(ServiceRef vip, ServiceRef backends, boolean backendsTyped, String via) {
        if (via != null && vip == null) {
            throw new IllegalArgumentException("--via chooses which address of a Service is the VIP: it needs vip "
                    + "svc/NAME[.NAMESPACE][:PORT]");
        }
        if (vip == null && backends == null) {
            return null;
        }
        return new ClusterPool(vip, backends != null ? backends : backendsTyped ? null : vip,
                via == null ? Via.CLUSTERIP : Via.parse(via), null, null);
    }
}
