package io.netcheck.kube;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;

/** Services and EndpointSlices as the API server holds them, for the tests that serve them over HTTP. */
public final class ClusterObjects {
    private ClusterObjects() {
    }

    public static ServicePort port(String name, int port, IntOrString target) {
        return new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP").withTargetPort(target).build();
    }

    public static Service service(String ns, String name, String clusterIp, Map<String, String> selector,
                                  ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp)
                .withClusterIPs(clusterIp == null ? List.of() : List.of(clusterIp)).withSelector(selector)
                .withPorts(ports).endSpec().build();
    }

    /** An endpoint with its conditions (null leaves a condition unset, as the API allows). */
    public static Endpoint endpoint(String address, Boolean ready, Boolean serving, Boolean terminating, String pod,
                                    String node) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).withServing(serving)
                .withTerminating(terminating).endConditions()
                .withTargetRef(pod == null ? null : new ObjectReferenceBuilder().withKind("Pod").withName(pod).build())
                .withNodeName(node).build();
    }

    public static Endpoint ready(String address, String pod) {
        return endpoint(address, true, true, false, pod, "node-a");
    }

    /** A slice of the Service; {@code portName} is the Service port's name (null for an unnamed one), no port if portNumber is null. */
    public static EndpointSlice slice(String ns, String service, String name, String family, String portName,
                                      Integer portNumber, Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(ns).withName(name)
                .withLabels(Map.of(PoolReader.SERVICE_NAME_LABEL, service)).endMetadata()
                .withAddressType(family).withEndpoints(endpoints)
                .withPorts(portNumber == null ? List.of() : List.of(new EndpointPortBuilder().withName(portName)
                        .withPort(portNumber).withProtocol("TCP").build()))
                .build();
    }
}
