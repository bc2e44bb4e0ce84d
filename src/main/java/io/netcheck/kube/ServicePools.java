package io.netcheck.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.netcheck.checklist.ClusterPool;
import io.netcheck.checklist.ClusterUnreadable;
import io.netcheck.checklist.HostPort;
import io.netcheck.checklist.PoolEndpoint;
import io.netcheck.checklist.ServiceRef;
import io.netcheck.checklist.ServiceView;
import io.netcheck.checklist.VipCheckRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns a request naming {@code svc/} targets into one naming addresses: the Service's address becomes the VIP,
 * its endpoints the backends, and what the cluster said rides along as the request's {@link ClusterPool}. The
 * whole read is bounded by one deadline, so an API server that is down or stuck gives a message, not a hang.
 * Nothing here is sent to a target: the checklist still puts every resolved address through the target policy.
 */
public final class ServicePools {
    private final Supplier<KubernetesClient> clients;
    private final Duration timeout;
    private final int maxBackends;

    /** @param clients creates the client on first use (and throws {@link ClusterUnreadable} when no cluster is configured) */
    public ServicePools(Supplier<KubernetesClient> clients, Duration timeout, int maxBackends) {
        this.clients = clients;
        this.timeout = timeout;
        this.maxBackends = maxBackends;
    }

    /** The request with its {@code svc/} targets read from the cluster; a request without any is returned as is. */
    public VipCheckRequest resolve(VipCheckRequest request) throws InterruptedException {
        ClusterPool pool = request.cluster();
        if (pool == null || pool.resolved()) {
            return request;
        }
        KubernetesClient client = clients.get();
        String namespace = client.getNamespace() == null ? "default" : client.getNamespace();
        ServiceRef vipRef = pool.vipService() == null ? null : pool.vipService().inNamespace(namespace);
        ServiceRef backendsRef = pool.backendsService() == null ? null : pool.backendsService().inNamespace(namespace);
        ServiceRef first = backendsRef != null ? backendsRef : vipRef;
        CompletableFuture<ServiceView[]> reading = CompletableFuture.supplyAsync(() -> {
            PoolReader reader = new PoolReader(client);
            try {
                ServiceView view = translated(client, first, () -> reader.read(first, pool.via(), first.equals(vipRef),
                        maxBackends));
                ServiceView vipView = vipRef == null || vipRef.equals(first) ? null
                        : translated(client, vipRef, () -> reader.read(vipRef, pool.via(), true, maxBackends));
                return new ServiceView[] {view, vipView};
            } finally {
                PoolReader.Calls.current.remove();
            }
        }, ServicePools::daemon);
        ServiceView[] views;
        try {
            views = reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reading.cancel(true);
            throw ClusterUnreadable.unavailable("the Kubernetes API server " + client.getMasterUrl() + " did not answer "
                    + "within " + timeout.toMillis() + " ms (netcheck.kubernetes.timeout) while reading " + first.label()
                    + "; nothing was probed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ClusterUnreadable u) {
                throw u;
            }
            throw ClusterUnreadable.unavailable("reading " + first.label() + " failed: " + e.getCause(), e.getCause());
        }
        ServiceView view = views[0];
        ServiceView vipView = views[1];
        HostPort vip = vipRef == null ? request.vip() : vipView != null ? vipView.vip() : view.vip();
        List<HostPort> backends = backendsRef == null ? request.backends()
                : view.endpoints().subList(0, view.probed()).stream().map(PoolEndpoint::target).toList();
        return request.resolvedAs(vip, backends, pool.resolvedAs(view, vipView));
    }

    /** Words an API failure for the user: which call, which permission, which server. */
    private static ServiceView translated(KubernetesClient client, ServiceRef ref, Supplier<ServiceView> read) {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            String call = PoolReader.Calls.current.get();
            if (e.getCode() == 403) {
                String[] verbResource = call == null ? new String[] {"read", "services"} : call.split(" ", 2);
                boolean clusterScoped = verbResource[1].equals("nodes");
                throw ClusterUnreadable.unavailable("forbidden: netcheck may not " + verbResource[0] + " "
                        + verbResource[1] + (clusterScoped ? " (cluster-wide)" : " in namespace " + ref.namespace())
                        + " — grant the verb " + verbResource[0] + " on " + verbResource[1] + " to netcheck's service "
                        + "account (the chart's kubernetes.namespaces" + (clusterScoped ? ", kubernetes.readNodes" : "")
                        + " values do); the API server said: " + e.getStatus().getMessage(), e);
            }
            if (e.getCode() == 401) {
                throw ClusterUnreadable.unavailable("the Kubernetes API server " + client.getMasterUrl()
                        + " refused netcheck's credentials (401 Unauthorized): check the kubeconfig or the service "
                        + "account token", e);
            }
            if (e.getCode() == 404 && call != null && call.contains("endpointslices")) {
                throw ClusterUnreadable.unavailable("the Kubernetes API server " + client.getMasterUrl()
                        + " does not serve discovery.k8s.io/v1 EndpointSlices (Kubernetes 1.21 or later is needed)", e);
            }
            if (e.getCode() > 0) {
                throw ClusterUnreadable.unavailable("the Kubernetes API server " + client.getMasterUrl() + " answered "
                        + e.getCode() + " to " + (call == null ? "a request" : call) + " for " + ref.label() + ": "
                        + (e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage()), e);
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw ClusterUnreadable.unavailable("cannot reach the Kubernetes API server " + client.getMasterUrl()
                    + " (" + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage())
                    + ") while reading " + ref.label() + "; nothing was probed", e);
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "netcheck-kube-read");
        t.setDaemon(true);
        t.start();
    }
}
