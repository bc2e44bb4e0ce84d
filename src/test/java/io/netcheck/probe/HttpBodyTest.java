package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The exchange reads the body to its end (or the bound) against loopback servers that send a head then
 * stall, send a chunked body, or send nothing: a stalled body is its own outcome, never a pass.
 */
class HttpBodyTest {
    private static ExchangeResult get(LocalServer s, Duration budget, long maxBody) throws Exception {
        InetSocketAddress a = s.address();
        ServiceProbe probe = new ServiceProbe(maxBody);
        return probe.probe(new ServiceTarget("t", a, RouteLookup.lookup(a.getAddress()), "vip.example", "/big", false,
                null), Deadline.in(budget)).exchange();
    }

    private static void write(OutputStream out, String text) throws java.io.IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void headThenAStalledBodyIsBodyStalledNotAResponse() throws Exception {
        try (LocalServer s = new LocalServer(out -> {
            write(out, "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(1000));
            Thread.sleep(10_000); // the rest never comes, the connection stays open
        })) {
            long t0 = System.nanoTime();
            ExchangeResult ex = get(s, Duration.ofMillis(600), ServiceProbe.DEFAULT_MAX_BODY);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExchangeOutcome.BODY_STALLED, ex.outcome(), ex.toString());
            assertEquals(BodyEnd.STALLED, ex.body());
            assertEquals(200, ex.response().status(), "the head still says who answered");
            assertEquals(1000, ex.bodyBytes());
            assertNotNull(ex.firstByte());
            assertNotNull(ex.lastByte());
            assertTrue(ex.error().contains("1000 of 100000 body bytes"), ex.error());
            assertNull(ex.response().errorBodySnippet(), "a 200's body is never kept");
            assertTrue(ms >= 550 && ms < 3000, "waited for the deadline: " + ms + " ms");
        }
    }

    @Test
    void chunkedBodyIsReadToItsLastChunkWithoutWaitingForTheDeadline() throws Exception {
        try (LocalServer s = new LocalServer(out -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                Thread.sleep(40);
                write(out, "400\r\n" + "y".repeat(1024) + "\r\n");
            }
            write(out, "0\r\n\r\n");
            Thread.sleep(10_000); // keep-alive: the connection stays open, the body has ended
        })) {
            long t0 = System.nanoTime();
            ExchangeResult ex = get(s, Duration.ofSeconds(5), ServiceProbe.DEFAULT_MAX_BODY);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExchangeOutcome.RESPONSE, ex.outcome(), ex.toString());
            assertEquals(BodyEnd.COMPLETE, ex.body());
            assertEquals(3072, ex.bodyBytes());
            assertTrue(ex.lastByte().compareTo(ex.firstByte().plusMillis(80)) >= 0,
                    "last byte after the pauses: " + ex.firstByte() + " / " + ex.lastByte());
            assertTrue(ms < 2000, "ended at the last chunk, not the deadline: " + ms + " ms");
        }
    }

    @Test
    void chunkedBodyWithoutItsLastChunkStalls() throws Exception {
        try (LocalServer s = new LocalServer(out -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n");
            Thread.sleep(10_000);
        })) {
            ExchangeResult ex = get(s, Duration.ofMillis(400), ServiceProbe.DEFAULT_MAX_BODY);
            assertEquals(ExchangeOutcome.BODY_STALLED, ex.outcome());
            assertEquals(16, ex.bodyBytes());
            assertTrue(ex.error().contains("16 bytes of a chunked body"), ex.error());
        }
    }

    @Test
    void requestSentAndNothingBackStaysNoResponse() throws Exception {
        try (LocalServer s = new LocalServer(out -> Thread.sleep(10_000))) {
            ExchangeResult ex = get(s, Duration.ofMillis(400), ServiceProbe.DEFAULT_MAX_BODY);
            assertEquals(ExchangeOutcome.NO_RESPONSE, ex.outcome());
            assertNull(ex.response());
            assertEquals(BodyEnd.NONE, ex.body());
            assertNull(ex.firstByte());
        }
    }

    @Test
    void aBodyLargerThanTheBoundIsCutThereNotStalled() throws Exception {
        try (LocalServer s = new LocalServer(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "z".repeat(100_000));
            Thread.sleep(10_000);
        })) {
            long t0 = System.nanoTime();
            ExchangeResult ex = get(s, Duration.ofSeconds(5), 4096);
            assertEquals(ExchangeOutcome.RESPONSE, ex.outcome());
            assertEquals(BodyEnd.CUT, ex.body());
            assertEquals(4096, ex.bodyBytes());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 2000, "no wait for the rest");
        }
    }

    @Test
    void aBodyClosedBeforeItsLengthIsBrokenAndErrorPagesKeepTheirSnippet() throws Exception {
        try (LocalServer s = new LocalServer(out -> write(out, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 500\r\n"
                + "\r\n<html>upstream gone</html>"))) {
            ExchangeResult ex = get(s, Duration.ofSeconds(2), ServiceProbe.DEFAULT_MAX_BODY);
            assertEquals(ExchangeOutcome.RESPONSE, ex.outcome());
            assertEquals(BodyEnd.BROKEN, ex.body());
            assertTrue(ex.error().startsWith("closed after 26 of 500 body bytes"), ex.error());
            assertEquals("<html>upstream gone</html>", ex.response().errorBodySnippet());
        }
    }

    @Test
    void keepAliveServerWithALengthEndsAtOnce() throws Exception {
        try (LocalServer s = new LocalServer(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nbackend b1\r\n");
            Thread.sleep(10_000);
        })) {
            long t0 = System.nanoTime();
            ExchangeResult ex = get(s, Duration.ofSeconds(5), ServiceProbe.DEFAULT_MAX_BODY);
            assertEquals(BodyEnd.COMPLETE, ex.body());
            assertEquals(12, ex.bodyBytes());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
        }
    }
}
