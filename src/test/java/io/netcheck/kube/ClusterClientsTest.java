package io.netcheck.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.checklist.ClusterUnreadable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterClientsTest {
    @TempDir
    Path home;

    @Test
    void withoutAnyClusterSvcTargetsGetAClearErrorAndNoClientIsBuilt() {
        AtomicInteger built = new AtomicInteger();
        ClusterClients clients = new ClusterClients(true, () -> {
            built.incrementAndGet();
            return null;
        }, Optional.empty(), Map.of(), home);
        ClusterUnreadable e = assertThrows(ClusterUnreadable.class, clients::get);
        assertTrue(e.getMessage().startsWith("svc/ needs a Kubernetes cluster, and none is configured"), e.getMessage());
        assertEquals(0, built.get());
    }

    @Test
    void switchedOffSaysWhichSetting() {
        ClusterClients clients = new ClusterClients(false, () -> null, Optional.of("http://127.0.0.1:1"), Map.of(), home);
        assertTrue(assertThrows(ClusterUnreadable.class, clients::get).getMessage()
                .contains("netcheck.kubernetes.enabled=false"));
    }

    @Test
    void aKubeconfigOrAnApiUrlIsEnoughAndTheClientIsBuiltOnce() throws Exception {
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "apiVersion: v1\nkind: Config\n");
        assertNull(new ClusterClients(true, () -> null, Optional.empty(), Map.of(), home).missing());
        Path other = home.resolve("other.yaml");
        Files.writeString(other, "apiVersion: v1\nkind: Config\n");
        assertNull(new ClusterClients(true, () -> null, Optional.empty(), Map.of("KUBECONFIG", other.toString()),
                home.resolve("nowhere")).missing());
        assertTrue(new ClusterClients(true, () -> null, Optional.empty(), Map.of("KUBECONFIG", "/nonexistent"),
                home).missing() != null, "a KUBECONFIG naming no file is not a configuration");
        AtomicInteger built = new AtomicInteger();
        ClusterClients clients = new ClusterClients(true, () -> {
            built.incrementAndGet();
            return new io.fabric8.kubernetes.client.KubernetesClientBuilder().build();
        }, Optional.of("http://127.0.0.1:1"), Map.of(), home.resolve("nowhere"));
        var first = clients.get();
        assertTrue(first == clients.get());
        assertEquals(1, built.get());
        first.close();
    }
}
