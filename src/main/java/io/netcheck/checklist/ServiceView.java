package io.netcheck.checklist;

import java.util.List;
import java.util.Map;

/**
 * What the cluster said about a Service when the check started: where the VIP and the pool came from, and
 * evidence of its own for the verdict (which endpoints Kubernetes considers ready, and why a pool is empty).
 *
 * @param selector     the Service's pod selector; empty for a Service without one (endpoints managed by hand)
 * @param servicePort  the Service port used, as {@code name/number}, e.g. {@code http/80}
 * @param targetPort   the port's targetPort as written in the Service (a number or a container port name)
 * @param slices       the EndpointSlices read (all with the kubernetes.io/service-name label of the Service)
 * @param endpoints    every endpoint of those slices for the Service port (IPv4 and IPv6), in probe order
 * @param probed       how many of them became backends (at most netcheck.probe.max-backends, ready ones first)
 * @param problem      a misconfiguration the cluster view alone proves, null when none
 * @param notes        other things worth saying (FQDN endpoints skipped, endpoints not probed)
 */
public record ServiceView(String namespace, String name, String type, Via via, HostPort vip, String servicePort,
                          String targetPort, Map<String, String> selector, List<String> slices,
                          List<PoolEndpoint> endpoints, int probed, Problem problem, List<String> notes) {
    public ServiceView {
        selector = Map.copyOf(selector);
        slices = List.copyOf(slices);
        endpoints = List.copyOf(endpoints);
        notes = List.copyOf(notes);
    }

    /** A Service whose pool cannot fill however healthy the pods are: a configuration fault, not a pod fault. */
    public enum Problem {
        /** No selector and no EndpointSlice: nothing will ever put an endpoint in the pool. */
        NO_SELECTOR,
        /** A selector, but no endpoint in any slice: no pod with an address carries those labels. */
        SELECTOR_MATCHES_NO_PODS,
        /** Pods match, but none exposes the named targetPort, so the slices carry no port for it. */
        TARGET_PORT_NOT_EXPOSED
    }

    public String label() {
        return "svc/" + name + "." + namespace;
    }

    public long count(java.util.function.Predicate<PoolEndpoint> p) {
        return endpoints.stream().filter(p).count();
    }

    public long ready() {
        return count(PoolEndpoint::ready);
    }

    /** The endpoint probed at this target, null when the target is not one of the Service's endpoints. */
    public PoolEndpoint endpoint(HostPort target) {
        return endpoints.stream().filter(e -> e.target().equals(target)).findFirst().orElse(null);
    }

    public String selectorText() {
        return selector.isEmpty() ? "none" : selector.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(","));
    }
}
