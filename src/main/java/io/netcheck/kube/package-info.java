/**
 * {@code svc/NAME[.NAMESPACE][:PORT]} targets: a Service's address becomes the VIP and its EndpointSlices the
 * real servers, read through the fabric8 client (quarkus-kubernetes-client) only when such a target is used.
 * What the cluster said travels with the request ({@link io.netcheck.checklist.ServiceView}) so the report shows
 * where the pool came from and the verdict rules can use it.
 */
package io.netcheck.kube;
