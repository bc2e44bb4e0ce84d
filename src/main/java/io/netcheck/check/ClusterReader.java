package io.netcheck.check;

/**
 * Reads the Kubernetes Services a request names ({@code svc/}) when the check runs, so a watch follows the pool as
 * it changes. Implemented by {@code kube/ServicePools}; {@link #NONE} where no cluster is configured (the request
 * goes on as parsed, and the checklist says what it could not probe).
 */
@FunctionalInterface
public interface ClusterReader {
    ClusterReader NONE = request -> request;

    /** The request with its {@code svc/} targets read from the cluster; one without any is returned as is. */
    VipCheckRequest resolve(VipCheckRequest request) throws InterruptedException;
}
