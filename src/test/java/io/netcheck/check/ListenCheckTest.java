package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.probe.FakeTicker;
import io.netcheck.probe.Ticker;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListenCheckTest {
    private final ListenCheck check = new ListenCheck(new ProcNet(), Clock.systemUTC(), Ticker.SYSTEM);

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The window runs on the injected ticker: the test lets two clients in, learns from each connection's close that
     * the check has recorded it (the check closes after reading the first bytes), then moves time past the window.
     * No sleep decides anything.
     */
    @Test
    void recordsEachConnectionAndWhatItSent() throws Exception {
        int port = freePort();
        FakeTicker ticker = new FakeTicker();
        ListenCheck onTicker = new ListenCheck(new ProcNet(), Clock.systemUTC(), ticker);
        CompletableFuture<ListenEvidence> running = CompletableFuture.supplyAsync(() -> {
            try {
                return onTicker.run(new ListenRequest(port, Duration.ofMillis(1500)));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (String hello : new String[] {"hello from client\n", ""}) {
            try (Socket c = connectWhenBound(port)) {
                OutputStream out = c.getOutputStream();
                out.write(hello.getBytes());
                out.flush();
                c.shutdownOutput();
                assertEquals(-1, c.getInputStream().read(), "the check closes once it has read the first bytes");
            }
        }
        ticker.advance(Duration.ofMillis(1500));
        ListenEvidence e = running.get(10, TimeUnit.SECONDS);
        assertNull(e.problem());
        assertEquals(2, e.arrivals().size(), e.toString());
        assertEquals("hello from client", e.arrivals().get(0).firstBytes());
        assertEquals("", e.arrivals().get(1).firstBytes());
        assertEquals(InetAddress.getLoopbackAddress(), e.arrivals().get(0).from().getAddress());
        assertEquals(Duration.ofMillis(1500), e.elapsed(), "the window and its duration are the ticker's");
    }

    /** Connects once the check listens: refused until then (the check binds on its own thread). */
    private static Socket connectWhenBound(int port) throws Exception {
        for (int attempt = 0; ; attempt++) {
            Socket c = new Socket();
            try {
                c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                return c;
            } catch (ConnectException refused) {
                c.close();
                if (attempt > 200) {
                    throw refused;
                }
                Thread.sleep(10);
            }
        }
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
