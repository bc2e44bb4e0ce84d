package io.netcheck.check;

import io.netcheck.probe.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code listen PORT}: a temporary TCP listener on every address (like {@code nc -l 0.0.0.0 PORT}) that
 * records each connection that arrives, then closes it; it stops by itself when the time is up.
 */
public final class ListenCheck {
    /** Connections recorded at most; later ones are counted as "more". */
    static final int MAX_ARRIVALS = 100;
    /** How long to wait for a client's first bytes ("hello from client"). */
    static final int FIRST_BYTES_WAIT_MS = 300;

    private final ProcNet procNet;
    private final Clock clock;
    private final Ticker ticker;

    /** @param ticker the time source of the elapsed time and of the listening window (the runner's) */
    public ListenCheck(ProcNet procNet, Clock clock, Ticker ticker) {
        this.procNet = procNet;
        this.clock = clock;
        this.ticker = ticker;
    }

    public ListenEvidence run(ListenRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = ticker.nanos();
        String host = ListenersCheck.hostName();
        List<Arrival> arrivals = new ArrayList<>();
        boolean truncated = false;
        String bound;
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            try {
                // The IPv6 wildcard takes IPv4 too on a dual-stack host; Java falls back to 0.0.0.0 without IPv6.
                server.bind(new InetSocketAddress(request.port()), 50);
            } catch (BindException e) {
                return new ListenEvidence(request, host, startedAt, ticker.since(t0), null,
                        List.of(), false, "port " + request.port() + " is already in use (" + e.getMessage() + ")",
                        holder(request.port()));
            }
            bound = server.getInetAddress().isAnyLocalAddress() ? "*:" + request.port()
                    : server.getLocalSocketAddress().toString();
            long end = t0 + request.duration().toNanos();
            while (true) {
                long left = end - ticker.nanos();
                if (left <= 0) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                server.setSoTimeout((int) Math.max(1, Math.min(left / 1_000_000, 500)));
                try (Socket s = server.accept()) {
                    if (arrivals.size() >= MAX_ARRIVALS) {
                        truncated = true;
                        continue;
                    }
                    arrivals.add(new Arrival(clock.instant(), (InetSocketAddress) s.getRemoteSocketAddress(),
                            (InetSocketAddress) s.getLocalSocketAddress(), firstBytes(s)));
                } catch (SocketTimeoutException e) {
                    // nothing yet: check the time and the interrupt, wait again
                }
            }
        } catch (IOException e) {
            return new ListenEvidence(request, host, startedAt, ticker.since(t0), null,
                    arrivals, truncated, "cannot listen on port " + request.port() + ": " + e.getMessage(), null);
        }
        return new ListenEvidence(request, host, startedAt, ticker.since(t0), bound, arrivals,
                truncated, null, null);
    }

    private static String firstBytes(Socket s) {
        try {
            s.setSoTimeout(FIRST_BYTES_WAIT_MS);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64];
            int n = in.read(buf);
            if (n <= 0) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int c = buf[i] & 0xff;
                sb.append(c >= 32 && c < 127 ? (char) c : c == '\n' || c == '\r' ? ' ' : '.');
            }
            return sb.toString().trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Who holds a port, from /proc: "nginx (pid 123) on tcp 0.0.0.0:8080". */
    private String holder(int port) {
        return procNet.scan().listeners().stream().filter(l -> l.port() == port && l.tcp())
                .map(l -> l.owner() + " on " + l.protocol() + " " + l.socket()).distinct()
                .collect(Collectors.joining(", "));
    }
}
