package io.netcheck.checklist;

/**
 * One endpoint of a Service as its EndpointSlice lists it (discovery.k8s.io/v1 conditions).
 *
 * @param pod  the pod behind it ({@code targetRef}), null when the slice names none
 * @param node the node it runs on, null when unknown
 */
public record PoolEndpoint(HostPort target, boolean ready, boolean serving, boolean terminating, String pod, String node,
                           String slice) {
    /** The endpoint's state in kubectl's words: ready, not ready, terminating (serving), terminating. */
    public String condition() {
        if (terminating) {
            return serving ? "terminating, still serving" : "terminating";
        }
        return ready ? "ready" : "not ready";
    }

    public String label() {
        return target.label() + " (" + (pod == null ? "no pod" : "pod " + pod) + (node == null ? "" : " on " + node)
                + ", " + condition() + ")";
    }
}
