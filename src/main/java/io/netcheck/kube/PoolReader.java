package io.netcheck.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.netcheck.checklist.ClusterUnreadable;
import io.netcheck.checklist.HostPort;
import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.ServiceRef;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.Via;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads one Service and all of its EndpointSlices (joined by the {@code kubernetes.io/service-name} label, as
 * kube-proxy does) and lays them out as a {@link ServiceView}. API errors surface as fabric8 exceptions; the
 * caller ({@link ServicePools}) words them.
 */
final class PoolReader {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final KubernetesClient client;

    PoolReader(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @param ref          the Service, its namespace already filled in
     * @param needVip      whether the Service's address is the VIP (a headless Service can still give backends)
     * @param maxBackends  how many endpoints become backends at most (ready ones first)
     */
    ServiceView read(ServiceRef ref, Via via, boolean needVip, int maxBackends) {
        Calls.current.set("get services");
        Service svc = client.services().inNamespace(ref.namespace()).withName(ref.name()).get();
        if (svc == null) {
            throw ClusterUnreadable.badInput("no Service " + ref.name() + " in namespace " + ref.namespace());
        }
        var spec = svc.getSpec();
        String type = spec.getType() == null ? "ClusterIP" : spec.getType();
        if ("ExternalName".equals(type)) {
            throw ClusterUnreadable.badInput(label(ref) + " is an ExternalName Service (an alias of "
                    + spec.getExternalName() + "): it has no endpoints; check that name directly: vip "
                    + spec.getExternalName() + ":PORT");
        }
        ServicePort port = port(ref, spec.getPorts());
        if (port.getProtocol() != null && !"TCP".equals(port.getProtocol())) {
            throw ClusterUnreadable.badInput(label(ref) + " port " + portText(port) + " is " + port.getProtocol()
                    + ": netcheck checks TCP");
        }
        String targetPort = targetPort(port);
        Map<String, String> selector = spec.getSelector() == null ? Map.of() : spec.getSelector();

        Calls.current.set("list endpointslices.discovery.k8s.io");
        List<EndpointSlice> slices = new ArrayList<>(client.discovery().v1().endpointSlices()
                .inNamespace(ref.namespace()).withLabel(SERVICE_NAME_LABEL, ref.name()).list().getItems());
        slices.sort(Comparator.comparing(s -> s.getMetadata().getName()));

        List<String> notes = new ArrayList<>();
        Map<HostPort, PoolEndpoint> endpoints = new LinkedHashMap<>();
        int anyEndpoint = 0;
        int portless = 0;
        for (EndpointSlice slice : slices) {
            List<Endpoint> items = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
            anyEndpoint += items.size();
            String family = slice.getAddressType();
            if (!"IPv4".equals(family) && !"IPv6".equals(family)) {
                if (!items.isEmpty()) {
                    notes.add("slice " + slice.getMetadata().getName() + ": " + items.size() + " " + family
                            + " endpoints not probed (only IPv4 and IPv6 addresses are)");
                }
                continue;
            }
            Integer number = slicePort(slice, port.getName());
            if (number == null) {
                portless += items.size(); // these pods do not expose the targetPort: a misconfiguration, below
                continue;
            }
            for (Endpoint e : items) {
                EndpointConditions c = e.getConditions();
                // discovery.k8s.io/v1: an unset ready or serving means "unknown", to be read as true; terminating as false.
                boolean ready = c == null || c.getReady() == null || c.getReady();
                boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
                boolean terminating = c != null && Boolean.TRUE.equals(c.getTerminating());
                String pod = e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind())
                        ? e.getTargetRef().getName() : null;
                for (String address : e.getAddresses() == null ? List.<String>of() : e.getAddresses()) {
                    HostPort target = new HostPort(address, number);
                    endpoints.putIfAbsent(target, new PoolEndpoint(target, ready, serving, terminating, pod,
                            e.getNodeName(), slice.getMetadata().getName()));
                }
            }
        }
        List<PoolEndpoint> ordered = new ArrayList<>(endpoints.values());
        // Ready ones first, then those still serving while they terminate, then the rest: when the pool is larger than
        // the backend limit, the ones carrying traffic are the ones probed.
        ordered.sort(Comparator.comparingInt(e -> e.ready() ? 0 : e.serving() ? 1 : 2));
        int probed = Math.min(ordered.size(), maxBackends);
        if (probed < ordered.size()) {
            notes.add(ordered.size() + " endpoints, " + probed + " probed (netcheck.probe.max-backends), ready ones first");
        }
        ServiceView.Problem problem = null;
        if (ordered.isEmpty()) {
            if (selector.isEmpty() && anyEndpoint == 0) {
                problem = ServiceView.Problem.NO_SELECTOR;
            } else if (anyEndpoint == 0) {
                problem = ServiceView.Problem.SELECTOR_MATCHES_NO_PODS;
            } else if (portless > 0) {
                problem = ServiceView.Problem.TARGET_PORT_NOT_EXPOSED;
            }
        }
        HostPort vip = needVip ? vip(ref, svc, type, port, via, ordered) : null;
        return new ServiceView(ref.namespace(), ref.name(), type, via, vip, portText(port), targetPort, selector,
                slices.stream().map(s -> s.getMetadata().getName()).toList(), ordered, probed, problem, notes);
    }

    private static String label(ServiceRef ref) {
        return "svc/" + ref.name() + "." + ref.namespace();
    }

    private static ServicePort port(ServiceRef ref, List<ServicePort> ports) {
        if (ports == null || ports.isEmpty()) {
            throw ClusterUnreadable.badInput(label(ref) + " has no ports");
        }
        String all = String.join(", ", ports.stream().map(PoolReader::portText).toList());
        if (ref.port() == null) {
            if (ports.size() > 1) {
                throw ClusterUnreadable.badInput(label(ref) + " has several ports (" + all + "): say which, e.g. "
                        + label(ref) + ":" + (ports.get(0).getName() != null ? ports.get(0).getName() : ports.get(0).getPort()));
            }
            return ports.get(0);
        }
        return ports.stream().filter(p -> ref.port().equals(p.getName()) || ref.port().equals(String.valueOf(p.getPort())))
                .findFirst().orElseThrow(() -> ClusterUnreadable.badInput(label(ref) + " has no port " + ref.port()
                        + "; its ports: " + all));
    }

    static String portText(ServicePort p) {
        return (p.getName() == null || p.getName().isEmpty() ? "" : p.getName() + "/") + p.getPort();
    }

    private static String targetPort(ServicePort p) {
        IntOrString t = p.getTargetPort();
        if (t == null) {
            return String.valueOf(p.getPort()); // the API server defaults it to the port
        }
        return t.getStrVal() != null ? t.getStrVal() : String.valueOf(t.getIntVal());
    }

    /** The slice's number for the Service port: slices name their ports after the Service port ("" when unnamed). */
    private static Integer slicePort(EndpointSlice slice, String servicePortName) {
        String wanted = servicePortName == null ? "" : servicePortName;
        for (EndpointPort p : slice.getPorts() == null ? List.<EndpointPort>of() : slice.getPorts()) {
            String name = p.getName() == null ? "" : p.getName();
            if (name.equals(wanted) && p.getPort() != null) {
                return p.getPort();
            }
        }
        return null;
    }

    private HostPort vip(ServiceRef ref, Service svc, String type, ServicePort port, Via via, List<PoolEndpoint> pool) {
        var spec = svc.getSpec();
        return switch (via) {
            case CLUSTERIP -> {
                List<String> ips = spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty() ? spec.getClusterIPs()
                        : spec.getClusterIP() == null ? List.of() : List.of(spec.getClusterIP());
                if (ips.isEmpty() || "None".equals(ips.get(0))) {
                    throw ClusterUnreadable.badInput(label(ref) + " is headless (clusterIP None): it has no VIP; give "
                            + "the VIP yourself and use --backends " + label(ref));
                }
                yield new HostPort(ips.get(0), port.getPort());
            }
            case LOADBALANCER -> {
                List<LoadBalancerIngress> ingress = svc.getStatus() == null || svc.getStatus().getLoadBalancer() == null
                        || svc.getStatus().getLoadBalancer().getIngress() == null ? List.of()
                        : svc.getStatus().getLoadBalancer().getIngress();
                LoadBalancerIngress first = ingress.stream().filter(i -> i.getIp() != null || i.getHostname() != null)
                        .findFirst().orElseThrow(() -> ClusterUnreadable.badInput(label(ref) + " (type " + type
                                + ") has no load-balancer address (status.loadBalancer.ingress is empty)"));
                yield new HostPort(first.getIp() != null ? first.getIp() : first.getHostname(), port.getPort());
            }
            case NODEPORT -> {
                if (port.getNodePort() == null) {
                    throw ClusterUnreadable.badInput(label(ref) + " port " + portText(port) + " has no nodePort (type "
                            + type + ")");
                }
                String node = pool.stream().map(PoolEndpoint::node).filter(Objects::nonNull).findFirst()
                        .orElseThrow(() -> ClusterUnreadable.badInput(label(ref) + ": no endpoint names its node, so "
                                + "there is no node to try the nodePort " + port.getNodePort() + " on"));
                yield new HostPort(nodeAddress(node), port.getNodePort());
            }
        };
    }

    private String nodeAddress(String nodeName) {
        Calls.current.set("get nodes");
        Node node = client.nodes().withName(nodeName).get();
        List<NodeAddress> addresses = node == null || node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        return addresses.stream().filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst()
                .or(() -> addresses.stream().filter(a -> "ExternalIP".equals(a.getType())).map(NodeAddress::getAddress)
                        .findFirst())
                .orElseThrow(() -> ClusterUnreadable.badInput("node " + nodeName + " has no InternalIP or ExternalIP"));
    }

    /** Which API call is in flight on this thread, so a refusal can name the permission it lacked. */
    static final class Calls {
        static final ThreadLocal<String> current = new ThreadLocal<>();

        private Calls() {
        }
    }
}
