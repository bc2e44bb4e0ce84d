package io.netcheck.kube;

import static io.netcheck.kube.ClusterObjects.endpoint;
import static io.netcheck.kube.ClusterObjects.port;
import static io.netcheck.kube.ClusterObjects.ready;
import static io.netcheck.kube.ClusterObjects.service;
import static io.netcheck.kube.ClusterObjects.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.netcheck.checklist.ClusterPool;
import io.netcheck.checklist.ClusterUnreadable;
import io.netcheck.checklist.HostPort;
import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.ServiceRef;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipCheckRequest;
import io.netcheck.checklist.Via;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * svc/ resolution against the fabric8 mock API server: a real HTTP server on loopback that the real client talks
 * to (list by label selector, 403 with a Status body), plus a listener that never answers for "API server down".
 */
@EnableKubernetesMockClient(crud = true)
class ServicePoolsTest {
    static final String NS = "shop";
    static final Map<String, String> APP_WEB = Map.of("app", "web");

    KubernetesMockServer server;
    KubernetesClient client;

    private VipCheckRequest resolve(String vip, String backends) throws InterruptedException {
        return pools(Duration.ofSeconds(5)).resolve(request(vip, backends, Via.CLUSTERIP));
    }

    private ServicePools pools(Duration timeout) {
        return new ServicePools(() -> client, timeout, 64);
    }

    static VipCheckRequest request(String vip, String backends, Via via) {
        ServiceRef v = vip == null ? null : ServiceRef.parse(vip);
        ServiceRef b = backends == null ? v : ServiceRef.parse(backends);
        return new VipCheckRequest(v != null ? new HostPort(v.label(), 0) : new HostPort("198.51.100.10", 80), List.of(),
                false, true, null, "/", Duration.ofSeconds(1), false, null, new ClusterPool(v, b, via, null, null));
    }

    private void create(Object... objects) {
        for (Object o : objects) {
            client.resource((io.fabric8.kubernetes.api.model.HasMetadata) o).create();
        }
    }

    @Test
    void severalSlicesOfBothFamiliesAreJoinedWithTheirStates() throws Exception {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080))),
                slice(NS, "web", "web-a", "IPv4", "http", 8080, ready("203.0.113.11", "web-1"),
                        endpoint("203.0.113.12", false, false, false, "web-2", "node-b")),
                slice(NS, "web", "web-b", "IPv4", "http", 8080, endpoint("203.0.113.13", false, true, true, "web-3", "node-a")),
                slice(NS, "web", "web-c", "IPv6", "http", 8080, ready("2001:db8::11", "web-1")),
                // Another Service's slice in the same namespace stays out.
                slice(NS, "other", "other-a", "IPv4", "http", 8080, ready("203.0.113.99", "other-1")));

        VipCheckRequest r = resolve("svc/web.shop", null);

        assertEquals(new HostPort("198.51.100.10", 80), r.vip());
        ServiceView v = r.service();
        assertEquals(List.of("web-a", "web-b", "web-c"), v.slices());
        assertEquals(List.of("203.0.113.11:8080", "[2001:db8::11]:8080", "203.0.113.13:8080", "203.0.113.12:8080"),
                r.backends().stream().map(HostPort::label).toList(), "ready first, then terminating-serving, then not ready");
        PoolEndpoint terminating = v.endpoint(new HostPort("203.0.113.13", 8080));
        assertTrue(terminating.terminating() && terminating.serving() && !terminating.ready());
        assertEquals("terminating, still serving", terminating.condition());
        assertEquals("web-3", terminating.pod());
        assertEquals("not ready", v.endpoint(new HostPort("203.0.113.12", 8080)).condition());
        assertEquals("node-b", v.endpoint(new HostPort("203.0.113.12", 8080)).node());
        assertEquals(2, v.ready());
        assertNull(v.problem());
        assertEquals("http/80", v.servicePort());
    }

    @Test
    void unsetConditionsReadAsReadyAsTheApiSays() throws Exception {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port(null, 80, new IntOrString(8080))),
                slice(NS, "web", "web-a", "IPv4", "", 8080, endpoint("203.0.113.11", null, null, null, null, null)));
        PoolEndpoint e = resolve("svc/web.shop", null).service().endpoints().get(0);
        assertTrue(e.ready() && e.serving() && !e.terminating());
        assertNull(e.pod());
    }

    @Test
    void aNamedTargetPortIsResolvedPerSlice() throws Exception {
        // Two generations of pods name the port "web" on different numbers: the slices carry each number.
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("https", 443, new IntOrString(8443)),
                        port("http", 80, new IntOrString("web"))),
                slice(NS, "web", "web-old", "IPv4", "http", 8080, ready("203.0.113.11", "web-1")),
                slice(NS, "web", "web-new", "IPv4", "http", 9090, ready("203.0.113.12", "web-2")));
        VipCheckRequest r = resolve("svc/web.shop:http", null);
        assertEquals(new HostPort("198.51.100.10", 80), r.vip());
        assertEquals(List.of("203.0.113.12:9090", "203.0.113.11:8080"), r.backends().stream().map(HostPort::label).toList());
        assertEquals("web", r.service().targetPort());
        // By number too.
        assertEquals(80, resolve("svc/web.shop:80", null).vip().port());
    }

    @Test
    void aNamedTargetPortNoPodExposesIsAMisconfiguration() throws Exception {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString("web"))),
                // The pods match the selector but none names a port "web": the slice lists them without a port.
                slice(NS, "web", "web-a", "IPv4", null, null, ready("203.0.113.11", "web-1")));
        VipCheckRequest r = resolve("svc/web.shop", null);
        assertEquals(ServiceView.Problem.TARGET_PORT_NOT_EXPOSED, r.service().problem());
        assertTrue(r.backends().isEmpty());
    }

    @Test
    void noEndpointsIsASelectorMatchingNoPods() throws Exception {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080))),
                slice(NS, "web", "web-a", "IPv4", "http", 8080));
        VipCheckRequest r = resolve("svc/web.shop", null);
        assertEquals(ServiceView.Problem.SELECTOR_MATCHES_NO_PODS, r.service().problem());
        assertEquals("app=web", r.service().selectorText());
        assertTrue(r.backends().isEmpty());
    }

    @Test
    void noSelectorAndNoSlices() throws Exception {
        create(service(NS, "web", "198.51.100.10", Map.of(), port("http", 80, new IntOrString(8080))));
        VipCheckRequest r = resolve("svc/web.shop", null);
        assertEquals(ServiceView.Problem.NO_SELECTOR, r.service().problem());
        assertEquals("none", r.service().selectorText());
    }

    @Test
    void noSelectorWithHandMadeSlicesIsFine() throws Exception {
        create(service(NS, "db", "198.51.100.20", Map.of(), port(null, 5432, new IntOrString(5432))),
                slice(NS, "db", "db-manual", "IPv4", "", 5432, endpoint("203.0.113.30", null, null, null, null, null)));
        VipCheckRequest r = resolve("svc/db.shop", null);
        assertNull(r.service().problem());
        assertEquals(List.of(new HostPort("203.0.113.30", 5432)), r.backends());
    }

    @Test
    void typedVipWithPoolFromAService() throws Exception {
        create(service(NS, "web", "None", APP_WEB, port("http", 80, new IntOrString(8080))),
                slice(NS, "web", "web-a", "IPv4", "http", 8080, ready("203.0.113.11", "web-1")));
        // A headless Service has no VIP, but it can still give the pool.
        VipCheckRequest r = resolve(null, "svc/web.shop");
        assertEquals(new HostPort("198.51.100.10", 80), r.vip());
        assertEquals(List.of(new HostPort("203.0.113.11", 8080)), r.backends());
        ClusterUnreadable e = assertThrows(ClusterUnreadable.class, () -> resolve("svc/web.shop", null));
        assertTrue(e.getMessage().contains("headless"), e.getMessage());
        assertTrue(e.badInput());
    }

    @Test
    void loadBalancerAndNodePortAddresses() throws Exception {
        Service svc = service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080)));
        svc.getSpec().setType("LoadBalancer");
        svc.getSpec().getPorts().get(0).setNodePort(30080);
        svc.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer().addNewIngress()
                .withIp("203.0.113.200").endIngress().endLoadBalancer().build());
        create(svc, slice(NS, "web", "web-a", "IPv4", "http", 8080, ready("203.0.113.11", "web-1")),
                new NodeBuilder().withNewMetadata().withName("node-a").endMetadata().withNewStatus().addNewAddress()
                        .withType("InternalIP").withAddress("198.51.100.50").endAddress().endStatus().build());
        ServicePools pools = pools(Duration.ofSeconds(5));
        assertEquals(new HostPort("203.0.113.200", 80),
                pools.resolve(request("svc/web.shop", null, Via.LOADBALANCER)).vip());
        assertEquals(new HostPort("198.51.100.50", 30080), pools.resolve(request("svc/web.shop", null, Via.NODEPORT)).vip());
    }

    @Test
    void missingServiceAndAmbiguousPortAreBadInput() {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080)),
                port("https", 443, new IntOrString(8443))));
        ClusterUnreadable missing = assertThrows(ClusterUnreadable.class, () -> resolve("svc/nope.shop", null));
        assertEquals("no Service nope in namespace shop", missing.getMessage());
        ClusterUnreadable ambiguous = assertThrows(ClusterUnreadable.class, () -> resolve("svc/web.shop", null));
        assertTrue(ambiguous.getMessage().contains("several ports (http/80, https/443): say which"), ambiguous.getMessage());
        ClusterUnreadable noSuch = assertThrows(ClusterUnreadable.class, () -> resolve("svc/web.shop:grpc", null));
        assertTrue(noSuch.getMessage().contains("has no port grpc"), noSuch.getMessage());
        assertTrue(missing.badInput() && ambiguous.badInput() && noSuch.badInput());
    }

    @Test
    void forbiddenNamesTheMissingPermission() {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080))));
        server.expect().get().withPath("/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices?labelSelector="
                        + "kubernetes.io%2Fservice-name%3Dweb")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                        "endpointslices.discovery.k8s.io is forbidden: User \"system:serviceaccount:netcheck:netcheck\" "
                                + "cannot list resource \"endpointslices\" in API group \"discovery.k8s.io\" in the "
                                + "namespace \"shop\"").build()).always();
        ClusterUnreadable e = assertThrows(ClusterUnreadable.class, () -> resolve("svc/web.shop", null));
        assertTrue(e.getMessage().startsWith("forbidden: netcheck may not list endpointslices.discovery.k8s.io in "
                + "namespace shop"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot list resource \"endpointslices\""), e.getMessage());
        assertFalse(e.badInput());
    }

    @Test
    void anApiServerThatNeverAnswersTimesOutWithAMessage() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accepted, never answered
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            // The client's own timeouts are generous: netcheck's deadline must be what ends the wait.
            try (KubernetesClient stuck = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client
                    .ConfigBuilder().withMasterUrl(url).withRequestTimeout(60_000).withConnectionTimeout(60_000)
                    .withRequestRetryBackoffLimit(0).withNamespace(NS).build()).build()) {
                ServicePools pools = new ServicePools(() -> stuck, Duration.ofMillis(800), 64);
                long t0 = System.nanoTime();
                ClusterUnreadable e = assertThrows(ClusterUnreadable.class,
                        () -> pools.resolve(request("svc/web", null, Via.CLUSTERIP)));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 700 && ms < 3000, "took " + ms + " ms");
                assertTrue(e.getMessage().startsWith("the Kubernetes API server " + url + "/ did not answer within 800 ms"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("svc/web.shop"), e.getMessage());
            }
        }
    }

    @Test
    void anApiServerThatIsDownSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (KubernetesClient down = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client
                .ConfigBuilder().withMasterUrl("http://127.0.0.1:" + port).withRequestRetryBackoffLimit(0)
                .withNamespace(NS).build()).build()) {
            ClusterUnreadable e = assertThrows(ClusterUnreadable.class,
                    () -> new ServicePools(() -> down, Duration.ofSeconds(5), 64).resolve(request("svc/web", null,
                            Via.CLUSTERIP)));
            assertTrue(e.getMessage().startsWith("cannot reach the Kubernetes API server http://127.0.0.1:" + port),
                    e.getMessage());
        }
    }

    @Test
    void theDefaultNamespaceIsTheClients() throws Exception {
        create(service("test", "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080))),
                slice("test", "web", "web-a", "IPv4", "http", 8080, ready("203.0.113.11", "web-1")));
        // The mock client's namespace is "test".
        assertEquals("test", resolve("svc/web", null).service().namespace());
    }

    @Test
    void poolsLargerThanTheLimitProbeReadyOnesFirst() throws Exception {
        create(service(NS, "web", "198.51.100.10", APP_WEB, port("http", 80, new IntOrString(8080))),
                slice(NS, "web", "web-a", "IPv4", "http", 8080, endpoint("203.0.113.1", false, false, false, "p1", "n"),
                        ready("203.0.113.2", "p2"), ready("203.0.113.3", "p3")));
        VipCheckRequest r = new ServicePools(() -> client, Duration.ofSeconds(5), 2).resolve(request("svc/web.shop", null,
                Via.CLUSTERIP));
        assertEquals(List.of("203.0.113.2:8080", "203.0.113.3:8080"), r.backends().stream().map(HostPort::label).toList());
        assertEquals(List.of("3 endpoints, 2 probed (netcheck.probe.max-backends), ready ones first"), r.service().notes());
    }
}
