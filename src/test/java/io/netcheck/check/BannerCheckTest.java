package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.PacketCapture;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The banner test against real loopback services that greet, stay silent, or hang up. */
class BannerCheckTest {
    @TempDir
    Path dir;
    private final ProbeRunner runner = new ProbeRunner(4, Clock.systemUTC());

    @AfterEach
    void close() {
        runner.close();
    }

    private BannerEvidence run(ServerSocket server, Duration wait) throws InterruptedException {
        BannerCheck check = new BannerCheck(new Targeting((name, deadline) -> new Resolution(name,
                ResolutionStatus.NXDOMAIN, List.of(), List.of(), List.of(), Duration.ZERO, "NXDOMAIN"), runner), runner,
                new CaptureRun(PacketCapture.disabled("off"), new ChecklistSettings(128, Duration.ofMillis(50), dir),
                        Clock.systemUTC()), Clock.systemUTC());
        return check.run(new BannerCheck.Request(new HostPort("127.0.0.1", server.getLocalPort()),
                Duration.ofSeconds(2), wait, false, null));
    }

    /** Accepts one connection and does what the test says with it. */
    private static CompletableFuture<Void> serve(ServerSocket server, Behaviour behaviour) {
        return CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                behaviour.with(s);
            } catch (Exception ignored) {
                // the test's assertions say what went wrong
            }
        });
    }

    interface Behaviour {
        void with(Socket s) throws Exception;
    }

    @Test
    void anSshServerSaysWhatItIs() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var served = serve(server, s -> {
                OutputStream out = s.getOutputStream();
                out.write("SSH-2.0-OpenSSH_9.6\r\nsecond line\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                s.getInputStream().read(); // until the client hangs up
            });
            BannerEvidence e = run(server, Duration.ofSeconds(2));
            served.join();
            assertTrue(e.attempt().connected());
            assertEquals("SSH-2.0-OpenSSH_9.6", e.banner(), "the first line, without its line end");
            assertEquals(BannerEvidence.End.LINE, e.end());
            assertTrue(e.after() != null && e.after().compareTo(Duration.ofSeconds(2)) < 0);
        }
    }

    @Test
    void aSilentServiceIsHeardAsSilenceOnceTheWaitRunsOut() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var served = serve(server, s -> s.getInputStream().read());
            BannerEvidence e = run(server, Duration.ofMillis(200));
            served.join();
            assertTrue(e.attempt().connected());
            assertFalse(e.said());
            assertNull(e.after());
            assertEquals(BannerEvidence.End.SILENCE, e.end());
        }
    }

    @Test
    void aServiceThatHangsUpWithoutAWordIsClosed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var served = serve(server, s -> { });
            BannerEvidence e = run(server, Duration.ofSeconds(2));
            served.join();
            assertTrue(e.attempt().connected());
            assertFalse(e.said());
            assertTrue(e.end() == BannerEvidence.End.CLOSED || e.end() == BannerEvidence.End.RESET, e.end().name());
        }
    }

    @Test
    void controlCharactersAreShownAsDots() {
        byte[] b = "220 mail\u0007\u00ff ok\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("220 mail.. ok", BannerCheck.printable(b, b.length));
    }
}
