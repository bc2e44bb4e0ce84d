package io.netcheck.probe;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Recognises error responses that load balancers and proxies generate themselves. Only error statuses
 * are attributed: a 200 that passed through nginx was still written by the application.
 */
public final class LoadBalancerSignatures {
    private LoadBalancerSignatures() {
    }

    private record Signature(String product, Function<Response, String> match, String meaning) {
    }

    /** What the detectors look at: status, Server header (lower case, "" if absent) and the start of the body. */
    record Response(int status, String server, String contentType, String body) {
        boolean bodyHas(String text) {
            return body.contains(text);
        }
    }

    private static final List<Signature> SIGNATURES = List.of(
            new Signature("HAProxy", r -> r.bodyHas("No server is available to handle this request")
                    ? "body: \"No server is available to handle this request.\"" : null,
                    "no server available in the backend (all down or none configured)"),
            new Signature("HAProxy", r -> r.bodyHas("The server returned an invalid or incomplete response")
                    ? "body: \"The server returned an invalid or incomplete response.\"" : null,
                    "a backend connection failed or returned garbage"),
            new Signature("HAProxy", r -> r.bodyHas("The server didn't respond in time")
                    ? "body: \"The server didn't respond in time.\"" : null,
                    "a backend accepted the request but did not answer in time"),
            new Signature("Envoy", r -> r.bodyHas("no healthy upstream") ? "body: \"no healthy upstream\"" : null,
                    "no healthy host in the upstream cluster"),
            new Signature("Envoy", r -> r.bodyHas("upstream connect error or disconnect/reset before headers")
                    ? "body: \"upstream connect error or disconnect/reset before headers\"" : null,
                    "the proxy could not connect to, or was reset by, the upstream"),
            new Signature("Envoy", r -> r.server.equals("envoy") && r.bodyHas("upstream request timeout")
                    ? "server: envoy, body: \"upstream request timeout\"" : null,
                    "the upstream did not answer in time"),
            new Signature("AWS ELB", r -> r.server.startsWith("awselb")
                    ? "server: " + r.server : null,
                    "the AWS load balancer could not get an answer from a healthy target"),
            new Signature("AWS ELB", r -> r.bodyHas("Back-end server is at capacity")
                    ? "body: \"Back-end server is at capacity\"" : null,
                    "classic ELB has no healthy back-end instance"),
            new Signature("nginx", r -> r.server.startsWith("nginx") && (r.bodyHas("<center>nginx") || r.body.isEmpty())
                    ? "server: " + r.server : null,
                    "nginx could not get a response from its upstream"),
            new Signature("nginx", r -> r.bodyHas("<hr><center>nginx")
                    ? "body: nginx error page" : null,
                    "nginx could not get a response from its upstream"),
            // Traefik answers with Go's bare status text and no Server header.
            new Signature("Traefik", r -> r.server.isEmpty() && r.contentType.startsWith("text/plain")
                    && (r.body.trim().equals("Bad Gateway") || r.body.trim().equals("Service Unavailable")
                    || r.body.trim().equals("Gateway Timeout") || r.body.trim().equals("no available server"))
                    ? "body: \"" + r.body.trim() + "\" (text/plain, no Server header)" : null,
                    "Traefik has no reachable server for this route"));

    /** @param body the first bytes of the body as text (whatever was read) */
    public static Optional<LbSignature> identify(int status, String server, String contentType, String body) {
        if (status < 500) {
            return Optional.empty();
        }
        Response r = new Response(status, server == null ? "" : server.toLowerCase(Locale.ROOT),
                contentType == null ? "" : contentType.toLowerCase(Locale.ROOT), body == null ? "" : body);
        for (Signature s : SIGNATURES) {
            String evidence = s.match.apply(r);
            if (evidence != null) {
                return Optional.of(new LbSignature(s.product, s.meaning, evidence));
            }
        }
        return Optional.empty();
    }
}
