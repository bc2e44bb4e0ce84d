package io.netcheck.probe;

/**
 * A response recognised as written by a load balancer or proxy rather than by the application.
 *
 * @param product e.g. "HAProxy", "nginx", "Envoy", "AWS ELB", "Traefik"
 * @param meaning what that product means by it, e.g. "no server available in the backend"
 * @param evidence the header or body text that identified it
 */
public record LbSignature(String product, String meaning, String evidence) {
}
