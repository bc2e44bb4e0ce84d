package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe against real listeners on loopback: every outcome of steps 1 and 2 that loopback can produce. */
class ServiceProbeTest {
    private final ServiceProbe probe = new ServiceProbe();

    private ServiceResult run(InetSocketAddress address, Duration budget) throws Exception {
        Route route = RouteLookup.lookup(address.getAddress());
        return probe.probe(new ServiceTarget("t", address, route, "vip.example", "/healthz", false, null),
                Deadline.in(budget));
    }

    @Test
    void answeredRequestIsParsedWithTheLbSignatureAndSecretsRedacted() throws Exception {
        String page = "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n"
                + "</body></html>\n";
        try (LocalServer s = new LocalServer(LocalServer.Behaviour.ANSWER, "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: text/html\r\nSet-Cookie: session=SECRET\r\nContent-Length: " + page.length()
                + "\r\n\r\n" + page)) {
            ServiceResult r = run(s.address(), Duration.ofSeconds(2));
            assertEquals(ConnectOutcome.CONNECTED, r.connect().outcome());
            assertEquals(ExchangeOutcome.RESPONSE, r.exchange().outcome());
            HttpResponseSummary resp = r.exchange().response();
            assertEquals(503, resp.status());
            assertEquals("HAProxy", resp.generatedBy().product());
            assertEquals("[redacted]", resp.header("set-cookie").orElseThrow());
            assertTrue(s.lastRequest.get().startsWith("GET /healthz HTTP/1.1\r\nHost: vip.example\r\n"),
                    s.lastRequest.get());
            assertNotNull(r.connect().local());
        }
    }

    @Test
    void successBodyIsNotKept() throws Exception {
        try (LocalServer s = new LocalServer(LocalServer.Behaviour.ANSWER,
                "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nprivate data")) {
            ServiceResult r = run(s.address(), Duration.ofSeconds(2));
            assertEquals(200, r.exchange().response().status());
            assertNull(r.exchange().response().errorBodySnippet());
        }
    }

    @Test
    void declaredLengthSaysWhereTheBodyEnds() {
        assertEquals(12, HttpExchange.declaredLength("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n"));
        assertEquals(0, HttpExchange.declaredLength("HTTP/1.1 204 No Content\r\nServer: x\r\n"));
        assertEquals(-1, HttpExchange.declaredLength("HTTP/1.1 200 OK\r\nServer: x\r\n"));
        // Nothing for 204/304, to the close when absent or unreadable.
        assertEquals(0, HttpExchange.declaredLength("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n"));
        assertEquals(-1, HttpExchange.declaredLength("HTTP/1.1 200 OK\r\nContent-Length: x\r\n"));
        assertEquals(8_000_000_000L, HttpExchange.declaredLength("HTTP/1.1 200 OK\r\nContent-Length: 8000000000\r\n"));
    }

    @Test
    void closedPortIsRefused() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
        }
        ServiceResult r = run(closed, Duration.ofSeconds(2));
        assertEquals(ConnectOutcome.REFUSED, r.connect().outcome());
        assertTrue(r.connect().error().contains("refused"), r.connect().error());
        assertNull(r.exchange());
    }

    @Test
    void resetAfterTheRequest() throws Exception {
        try (LocalServer s = new LocalServer(LocalServer.Behaviour.RESET, null)) {
            assertEquals(ExchangeOutcome.RESET, run(s.address(), Duration.ofSeconds(2)).exchange().outcome());
        }
    }

    @Test
    void closeWithoutAnswer() throws Exception {
        try (LocalServer s = new LocalServer(LocalServer.Behaviour.CLOSE, null)) {
            ExchangeOutcome outcome = run(s.address(), Duration.ofSeconds(2)).exchange().outcome();
            // The FIN may race our write: either we read EOF, or the late write draws an RST.
            assertTrue(outcome == ExchangeOutcome.CLOSED || outcome == ExchangeOutcome.RESET, outcome.name());
        }
    }

    @Test
    void silenceEndsAtTheDeadline() throws Exception {
        try (LocalServer s = new LocalServer(LocalServer.Behaviour.HANG, null)) {
            long t0 = System.nanoTime();
            ServiceResult r = run(s.address(), Duration.ofMillis(400));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExchangeOutcome.NO_RESPONSE, r.exchange().outcome());
            assertTrue(ms >= 350 && ms < 2000, "took " + ms + " ms");
        }
    }

    @Test
    void nonHttpBytesAreReportedAsSuch() throws Exception {
        try (LocalServer s = new LocalServer(LocalServer.Behaviour.ANSWER, "SSH-2.0-OpenSSH_9.2\r\n")) {
            ExchangeResult ex = run(s.address(), Duration.ofSeconds(2)).exchange();
            assertEquals(ExchangeOutcome.NOT_HTTP, ex.outcome());
            assertTrue(ex.error().contains("SSH-2.0"), ex.error());
        }
    }
}
