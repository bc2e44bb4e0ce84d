package io.netcheck.check;

import io.netcheck.verdict.http.HttpRules;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.PacketCapture;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.probe.ExchangeOutcome;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http command against loopback servers: statuses, phases, redirect chains, LB pages, https. */
class HttpCheckTest {
    @TempDir
    Path dir;
    private final ProbeRunner runner = new ProbeRunner(4, Clock.systemUTC());

    @AfterEach
    void close() {
        runner.close();
    }

    /** Every name is 127.0.0.1: no real DNS server is asked. */
    static final NameResolver LOCALHOST_ONLY = (name, deadline) -> new Resolution(name, ResolutionStatus.RESOLVED,
            List.of(InetAddress.getLoopbackAddress()), List.of(), List.of("test"), Duration.ofMillis(1), null);

    private HttpCheck check() {
        return new HttpCheck(new Targeting(LOCALHOST_ONLY, runner), runner,
                new CaptureRun(PacketCapture.disabled("off"), new ChecklistSettings(128, Duration.ofMillis(100), dir),
                        Clock.systemUTC()), Clock.systemUTC());
    }

    private HttpEvidence get(String url, boolean insecure) throws InterruptedException {
        return check().run(new HttpCheckRequest(URI.create(url), Duration.ofSeconds(2), insecure, 14, false, null));
    }

    @Test
    void statusHeadersBodyAndPhases() throws Exception {
        String body = "x".repeat(50_000);
        try (var server = new TestCertificates.Server(null, "HTTP/1.1 200 OK\r\nServer: test\r\nContent-Length: "
                + body.length() + "\r\nContent-Type: text/plain\r\n\r\n" + body)) {
            HttpEvidence e = get("http://127.0.0.1:" + server.port() + "/healthz?full=1", false);
            assertEquals(1, e.hops().size());
            HttpHop h = e.last();
            assertEquals(200, h.response().status());
            assertEquals("test", h.response().header("Server").orElseThrow());
            assertEquals(50_000, h.bodyBytes());
            assertTrue(h.bodyComplete());
            assertNotNull(h.timings().connect());
            assertNotNull(h.timings().firstByte());
            assertNotNull(h.timings().transfer());
            assertNull(h.timings().tls());
            assertNull(h.location());
        }
    }

    @Test
    void aStalledBodyIsAFindingWithThePathMtuFollowUpSaidNotSkipped() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(500))
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    Thread.sleep(5000);
                } catch (java.io.IOException | InterruptedException e) {
                    // over
                }
            });
            t.setDaemon(true);
            t.start();
            HttpEvidence e = check().run(new HttpCheckRequest(URI.create("http://127.0.0.1:" + server.getLocalPort()
                    + "/big"), Duration.ofMillis(700), false, 14, false, null));
            assertEquals(ExchangeOutcome.BODY_STALLED, e.last().exchange().outcome());
            assertEquals(500, e.last().bodyBytes());
            assertFalse(e.last().bodyComplete());
            assertEquals(e.last(), e.stalled());
            assertTrue(e.pathMtu().problem().startsWith("not measured: --no-capture"), e.pathMtu().problem());
            var report = io.netcheck.report.HttpReport.of(e, new io.netcheck.verdict.VerdictEngine(
                    io.netcheck.verdict.TeamDirectory.defaults()).decide(HttpRules.HTTP, e,
                    e.capture(), x -> ""));
            assertEquals("http-body-stalls", report.verdict().rule());
            assertEquals("200 BODY_STALLED", report.steps().get(0).outcome());
            assertEquals("path-mtu", report.steps().get(1).name());
        }
    }

    @Test
    void followsARelativeRedirectAndSaysWhenItLeavesTheHost() throws Exception {
        try (var target = new TestCertificates.Server(null, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
             var redirector = new TestCertificates.Server(null, "HTTP/1.1 302 Found\r\nLocation: {path}x\r\n"
                     + "Content-Length: 0\r\n\r\n")) {
            // /a -> /ax -> /axx ... : more than five redirects
            HttpEvidence loop = get("http://127.0.0.1:" + redirector.port() + "/a", false);
            assertEquals(HttpCheckRequest.MAX_REDIRECTS + 1, loop.hops().size());
            assertTrue(loop.stopped().startsWith("more than 5 redirects"), loop.stopped());
            assertEquals("/axxxxxx", loop.last().location().getPath());
            assertFalse(loop.leftHost());
        }
        try (var target = new TestCertificates.Server(null, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            try (var redirector = new TestCertificates.Server(null, "HTTP/1.1 301 Moved\r\nLocation: http://localhost:"
                    + target.port() + "/\r\nContent-Length: 0\r\n\r\n")) {
                HttpEvidence e = get("http://127.0.0.1:" + redirector.port() + "/", false);
                assertEquals(2, e.hops().size());
                assertTrue(e.hops().get(0).crossHost(), "127.0.0.1 -> localhost is another host name");
                assertEquals(200, e.response().status());
                assertNull(e.stopped());
            }
        }
    }

    @Test
    void recognisesALoadBalancersOwnErrorPage() throws Exception {
        String page = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n"
                + "</body></html>\n";
        try (var lb = new TestCertificates.Server(null, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: "
                + page.length() + "\r\nContent-Type: text/html\r\n\r\n" + page)) {
            HttpEvidence e = get("http://127.0.0.1:" + lb.port() + "/", false);
            assertEquals("HAProxy", e.response().generatedBy().product());
        }
    }

    @Test
    void aServerThatClosesWithoutAnswering() throws Exception {
        try (var mute = new TestCertificates.Server(null, null)) {
            HttpEvidence e = get("http://127.0.0.1:" + mute.port() + "/", false);
            assertTrue(e.noResponse());
            assertEquals(ExchangeOutcome.CLOSED, e.last().exchange().outcome());
        }
    }

    @Test
    void httpsMeasuresTheHandshakeAndJudgesTheCertificate() throws Exception {
        var ctx = TestCertificates.serverContext(dir, "web.test", "dns:web.test,ip:127.0.0.1", null, 30);
        try (var tls = new TestCertificates.Server(ctx, "HTTP/1.1 204 No Content\r\n\r\n")) {
            HttpEvidence e = get("https://127.0.0.1:" + tls.port() + "/", false);
            assertEquals(204, e.response().status());
            assertNotNull(e.last().timings().tls());
            assertNotNull(e.tlsJudged(), "self-signed: a verifying client refuses it");
            assertNull(get("https://127.0.0.1:" + tls.port() + "/", true).tlsJudged(), "--insecure");
        }
    }

    @Test
    void resolvesRedirectTargets() {
        URI base = URI.create("http://a.test:8080/x/y?q=1");
        assertEquals("http://a.test:8080/x/z", HttpCheck.resolve(base, "z").toString());
        assertEquals("https://b.test/", HttpCheck.resolve(base, "https://b.test/").toString());
        assertEquals("http://c.test/p", HttpCheck.resolve(base, "//c.test/p").toString());
        assertEquals("only http and https are followed", HttpCheck.unsupported(URI.create("ftp://a.test/")));
        assertEquals("/x/y?q=1", HttpCheck.path(base));
    }
}
