package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.probe.Ticker;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ListenCheckTest {
    private final ListenCheck check = new ListenCheck(new ProcNet(), Clock.systemUTC(), Ticker.SYSTEM);

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void recordsEachConnectionAndWhatItSent() throws Exception {
        int port = freePort();
        CompletableFuture<ListenEvidence> running = CompletableFuture.supplyAsync(() -> {
            try {
                return check.run(new ListenRequest(port, Duration.ofMillis(1500)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        for (String hello : new String[] {"hello from client\n", ""}) {
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                OutputStream out = c.getOutputStream();
                out.write(hello.getBytes());
                out.flush();
                Thread.sleep(400);
            }
        }
        ListenEvidence e = running.get();
        assertNull(e.problem());
        assertEquals(2, e.arrivals().size(), e.toString());
        assertEquals("hello from client", e.arrivals().get(0).firstBytes());
        assertEquals(InetAddress.getLoopbackAddress(), e.arrivals().get(0).from().getAddress());
        assertTrue(e.elapsed().toMillis() >= 1400 && e.elapsed().toMillis() < 3000, "bounded: " + e.elapsed());
    }

    @Test
    void aPortInUseSaysWhoHoldsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            ListenEvidence e = check.run(new ListenRequest(taken.getLocalPort(), Duration.ofSeconds(1)));
            assertTrue(e.problem().startsWith("port " + taken.getLocalPort() + " is already in use"), e.problem());
            assertTrue(e.holder().contains("java (pid " + ProcessHandle.current().pid() + ")"), e.holder());
        }
    }
}
