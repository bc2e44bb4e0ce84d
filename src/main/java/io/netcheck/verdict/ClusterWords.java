package io.netcheck.verdict;

import io.netcheck.checklist.ServiceView;

/** How the cluster's view of a Service is worded in findings. */
final class ClusterWords {
    private ClusterWords() {
    }

    /** "svc/web.shop port http/80 → targetPort 8080, selector app=web, 2 EndpointSlices". */
    static String service(ServiceView v) {
        return v.label() + " port " + v.servicePort() + " → targetPort " + v.targetPort() + ", selector "
                + v.selectorText() + ", " + v.slices().size() + " EndpointSlice" + (v.slices().size() == 1 ? "" : "s");
    }

    /** The misconfiguration in plain words. */
    static String problem(ServiceView v) {
        return switch (v.problem()) {
            case NO_SELECTOR -> v.label() + " has no selector and no EndpointSlice: nothing will ever put an endpoint "
                    + "in its pool";
            case SELECTOR_MATCHES_NO_PODS -> v.label() + "'s selector " + v.selectorText() + " matches no pod with an "
                    + "address: its EndpointSlices are empty";
            case TARGET_PORT_NOT_EXPOSED -> v.label() + "'s targetPort " + v.targetPort() + " is a port no selected "
                    + "pod exposes: the EndpointSlices list the pods but no port for " + v.servicePort();
        };
    }

    static String problemNext(ServiceView v) {
        return switch (v.problem()) {
            case NO_SELECTOR -> "give " + v.label() + " a selector, or create its EndpointSlices (label "
                    + "kubernetes.io/service-name=" + v.name() + ")";
            case SELECTOR_MATCHES_NO_PODS -> "kubectl get pods -n " + v.namespace() + " -l " + v.selectorText()
                    + " — fix the selector or the pods' labels (or the Deployment is scaled to zero)";
            case TARGET_PORT_NOT_EXPOSED -> "name the container port " + v.targetPort() + " in the pods' spec, or point "
                    + "the Service's targetPort at a port they expose (kubectl get pods -n " + v.namespace() + " -l "
                    + v.selectorText() + " -o jsonpath='{..ports}')";
        };
    }
}
