package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LoadBalancerSignaturesTest {

    private static String product(int status, String server, String type, String body) {
        return LoadBalancerSignatures.identify(status, server, type, body).map(LbSignature::product).orElse(null);
    }

    @Test
    void haproxyNoServerPage() {
        assertEquals("HAProxy", product(503, null, "text/html", "<html><body><h1>503 Service Unavailable</h1>\n"
                + "No server is available to handle this request.\n</body></html>"));
    }

    @Test
    void nginxBadGatewayAndTimeout() {
        String body = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                + "</center><hr><center>nginx/1.22.1</center></body></html>";
        assertEquals("nginx", product(502, "nginx/1.22.1", "text/html", body));
        assertEquals("nginx", product(504, "nginx", "text/html", body.replace("502 Bad Gateway", "504 Gateway Time-out")));
    }

    @Test
    void envoyElbAndTraefik() {
        assertEquals("Envoy", product(503, "envoy", "text/plain", "no healthy upstream"));
        assertEquals("Envoy", product(503, "envoy", "text/plain",
                "upstream connect error or disconnect/reset before headers. reset reason: connection failure"));
        assertEquals("AWS ELB", product(502, "awselb/2.0", "text/html", "<html><body><center><h1>502 Bad Gateway"));
        assertEquals("Traefik", product(502, null, "text/plain; charset=utf-8", "Bad Gateway"));
    }

    @Test
    void applicationPagesAndSuccessesAreNotAttributed() {
        assertNull(product(500, "gunicorn", "text/html", "<h1>Internal Server Error</h1>"));
        assertNull(product(200, "nginx", "text/html", "<center>nginx</center>"));
        assertNull(product(503, "Apache", "text/html", "maintenance"));
    }
}
