package io.netcheck.lab;

import static io.netcheck.kube.ClusterObjects.endpoint;
import static io.netcheck.kube.ClusterObjects.port;
import static io.netcheck.kube.ClusterObjects.ready;
import static io.netcheck.kube.ClusterObjects.service;
import static io.netcheck.kube.ClusterObjects.slice;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test Kubernetes API for the lab: the fabric8 mock API server (CRUD, a real HTTP server), started by
 * {@link KubeServiceIT} inside the lab's client namespace on 127.0.0.1, so the packaged CLI reads its Services
 * from there while it probes the lab's real servers. The objects describe the lab: Services whose VIPs are the
 * lb's addresses and whose EndpointSlices list the real backends. Prints "READY" once they are served and runs
 * until killed.
 */
public final class LabKubeApi {
    static final String NS = "shop";

    private LabKubeApi() {
    }

    static List<HasMetadata> objects() {
        Map<String, String> web = Map.of("app", "web");
        return List.of(
                // The HAProxy VIP, a named targetPort, the pool split over two IPv4 slices and an IPv6 one.
                service(NS, "web", LabNetwork.VIP_HAPROXY, web, port("http", 80, new IntOrString("http"))),
                slice(NS, "web", "web-4a", "IPv4", "http", 80, ready(LabNetwork.backend(1), "web-1"),
                        ready(LabNetwork.backend(2), "web-2")),
                slice(NS, "web", "web-4b", "IPv4", "http", 80, ready(LabNetwork.backend(3), "web-3")),
                slice(NS, "web", "web-6a", "IPv6", "http", 80, ready(LabNetwork.backend6(1), "web-1")),
                // A selector that matches nothing: the slice controller keeps one empty slice.
                service(NS, "gone", LabNetwork.VIP_DNAT, Map.of("app", "gone"), port("http", 80, new IntOrString(80))),
                slice(NS, "gone", "gone-4a", "IPv4", "http", 80),
                // Pods listed, none ready (their readiness probe fails while the servers are stopped).
                service(NS, "sick", LabNetwork.VIP_NGINX, Map.of("app", "sick"), port(null, 80, new IntOrString(80))),
                slice(NS, "sick", "sick-4a", "IPv4", "", 80,
                        endpoint(LabNetwork.backend(1), false, false, false, "sick-1", "node-a"),
                        endpoint(LabNetwork.backend(2), false, false, false, "sick-2", "node-b")));
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesMixedDispatcher(new HashMap<>()), false);
        server.init(InetAddress.getByName("127.0.0.1"), port);
        try (KubernetesClient client = server.createClient()) {
            for (HasMetadata o : objects()) {
                client.resource(o).create();
            }
        }
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
