package io.netcheck.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.netcheck.checklist.ClusterUnreadable;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cluster client, created on the first {@code svc/} target and kept: a check that names no Service never pays
 * for it (the CLI's start-up stays as it was). Where the client is configured from is fabric8's usual order:
 * KUBERNETES_MASTER (or -Dkubernetes.master), the pod's service account in a cluster, else the kubeconfig
 * (KUBECONFIG, ~/.kube/config). With none of them there is nothing to ask, and a svc/ target says so instead of
 * trying https://kubernetes.default.svc.
 */
public final class ClusterClients implements Supplier<KubernetesClient> {
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private final boolean enabled;
    private final Supplier<KubernetesClient> factory;
    private final Optional<String> apiServerUrl;
    private final Map<String, String> env;
    private final Path home;
    private volatile KubernetesClient client;

    /**
     * @param factory      creates the client ({@link #fabric8}); called at most once
     * @param apiServerUrl the kubernetes.master system property, when set
     */
    public ClusterClients(boolean enabled, Supplier<KubernetesClient> factory, Optional<String> apiServerUrl,
                          Map<String, String> env, Path home) {
        this.enabled = enabled;
        this.factory = factory;
        this.apiServerUrl = apiServerUrl;
        this.env = env;
        this.home = home;
    }

    @Override
    public KubernetesClient get() {
        KubernetesClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (client == null) {
                String missing = missing();
                if (missing != null) {
                    throw ClusterUnreadable.unavailable(missing, null);
                }
                try {
                    client = factory.get();
                } catch (RuntimeException e) {
                    throw ClusterUnreadable.unavailable("the Kubernetes client could not be configured: " + e.getMessage(), e);
                }
            }
            return client;
        }
    }

    /** Why no cluster can be asked, or null when one is configured. */
    String missing() {
        if (!enabled) {
            return "svc/ targets are switched off (netcheck.kubernetes.enabled=false): give the VIP and --backends as "
                    + "HOST:PORT";
        }
        if (apiServerUrl.isPresent() || env.containsKey("KUBERNETES_MASTER") || inCluster() || kubeconfig() != null) {
            return null;
        }
        return "svc/ needs a Kubernetes cluster, and none is configured: not running in a pod (no service account "
                + "token at " + SERVICE_ACCOUNT_TOKEN + "), no kubeconfig (KUBECONFIG, ~/.kube/config), no "
                + "KUBERNETES_MASTER. Give the VIP and --backends as HOST:PORT instead";
    }

    /**
     * fabric8's auto-configuration (in-cluster, kubeconfig, KUBERNETES_* variables) with short limits: connect within
     * 3 s, each request within {@code timeout}, one retry, so an API server that is down is reported within
     * netcheck.kubernetes.timeout instead of after fabric8's ten backed-off retries.
     */
    public static KubernetesClient fabric8(java.time.Duration timeout) {
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.autoConfigure(null);
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.setConnectionTimeout(Math.min(3000, ms));
        config.setRequestTimeout(ms);
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        KubernetesClient client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build();
        // The first response parsed loads Jackson and fabric8's model registry (hundreds of classes, seconds on a busy
        // machine): do it here, before the API server's deadline starts, so that deadline measures the server alone.
        client.getKubernetesSerialization().unmarshal(WARM_UP);
        return client;
    }

    private static final String WARM_UP = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":["
            + "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"w\"},\"spec\":{\"ports\":[{\"port\":1}]}},"
            + "{\"apiVersion\":\"discovery.k8s.io/v1\",\"kind\":\"EndpointSlice\",\"metadata\":{\"name\":\"w\"},"
            + "\"addressType\":\"IPv4\",\"endpoints\":[{\"addresses\":[\"203.0.113.1\"],\"conditions\":{\"ready\":true}}]}]}";

    private boolean inCluster() {
        return env.containsKey("KUBERNETES_SERVICE_HOST") && Files.isReadable(SERVICE_ACCOUNT_TOKEN);
    }

    private Path kubeconfig() {
        String list = env.get("KUBECONFIG");
        if (list != null && !list.isBlank()) {
            for (String p : list.split(File.pathSeparator)) {
                if (!p.isBlank() && Files.isReadable(Path.of(p))) {
                    return Path.of(p);
                }
            }
            return null;
        }
        Path dflt = home.resolve(".kube").resolve("config");
        return Files.isReadable(dflt) ? dflt : null;
    }
}
