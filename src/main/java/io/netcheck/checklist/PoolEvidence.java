package io.netcheck.checklist;

import java.util.List;

/**
 * The cluster's view of the pool set against what the probes found: where Kubernetes and the packets disagree.
 * Shared by the verdict rules and the report so both call out the same endpoints.
 */
public final class PoolEvidence {
    private PoolEvidence() {
    }

    /** The Service whose endpoints were probed as the backends, null when the backends were typed. */
    public static ServiceView pool(VipEvidence e) {
        ClusterPool c = e.request().cluster();
        return c != null && c.poolFromCluster() ? c.view() : null;
    }

    /** The probe of one endpoint, null when it was not probed (beyond the backend limit). */
    public static EndpointEvidence probe(VipEvidence e, PoolEndpoint endpoint) {
        return e.backends().stream().filter(b -> b.target().equals(endpoint.target())).findFirst().orElse(null);
    }

    /** Endpoints Kubernetes marks ready (so kube-proxy sends them traffic) that refuse the connection. */
    public static List<PoolEndpoint> readyButRefusing(VipEvidence e) {
        ServiceView v = pool(e);
        return v == null ? List.of() : v.endpoints().stream().filter(PoolEndpoint::ready).filter(p -> {
            EndpointEvidence b = probe(e, p);
            return b != null && b.state().refusing();
        }).toList();
    }

    /** Endpoints that are terminating yet still accept connections: traffic still reaches pods on their way out. */
    public static List<PoolEndpoint> terminatingButAccepting(VipEvidence e) {
        ServiceView v = pool(e);
        return v == null ? List.of() : v.endpoints().stream().filter(PoolEndpoint::terminating).filter(p -> {
            EndpointEvidence b = probe(e, p);
            return b != null && b.connected();
        }).toList();
    }

    /** "203.0.113.5:8080 (pod web-1 on node-a, ready): REFUSED" for each, at most {@code max}. */
    public static String list(VipEvidence e, List<PoolEndpoint> endpoints, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, endpoints.size()); i++) {
            PoolEndpoint p = endpoints.get(i);
            EndpointEvidence b = probe(e, p);
            sb.append(i == 0 ? "" : "; ").append(p.label()).append(b == null ? ": not probed" : ": " + b.state().name());
        }
        if (endpoints.size() > max) {
            sb.append("; and ").append(endpoints.size() - max).append(" more");
        }
        return sb.toString();
    }
}
