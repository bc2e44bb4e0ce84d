package io.netcheck.probe;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The TCP connect shared by the probes that start with one (the telnet test). Binds first so the local
 * port is known even when the connect fails: that port ties captured packets to this attempt.
 */
public final class TcpConnector {
    private TcpConnector() {
    }

    /** An attempt's result and, when connected, the open socket (the caller closes it). */
    public record Attempt(TcpConnectResult result, Socket socket) {
    }

    public static Attempt connect(InetSocketAddress remote, Route route, Deadline deadline) {
        long t0 = deadline.ticker().nanos();
        Socket socket = new Socket();
        InetSocketAddress local = null;
        try {
            socket.setTcpNoDelay(true);
            socket.bind(new InetSocketAddress(route.source(), 0));
            local = new InetSocketAddress(route.source(), socket.getLocalPort());
            socket.connect(remote, deadline.remainingMillisForSocket());
            return new Attempt(result(ConnectOutcome.CONNECTED, remote, local, deadline.ticker().since(t0), null), socket);
        } catch (IOException e) {
            closeQuietly(socket);
            return new Attempt(result(classify(e), remote, local, deadline.ticker().since(t0), describe(e)), null);
        }
    }

    static ConnectOutcome classify(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof SocketTimeoutException) {
            return ConnectOutcome.TIMEOUT;
        }
        if (e instanceof ConnectException) {
            // ECONNREFUSED; Java also reports ETIMEDOUT (kernel gave up on SYNs) as ConnectException.
            return message.contains("timed out") ? ConnectOutcome.TIMEOUT : ConnectOutcome.REFUSED;
        }
        if (e instanceof NoRouteToHostException) {
            return ConnectOutcome.UNREACHABLE;
        }
        if (e instanceof BindException) {
            return ConnectOutcome.LOCAL_ERROR;
        }
        if (e instanceof SocketException && (message.contains("Network is unreachable")
                || message.contains("Host is down") || message.contains("Protocol not available")
                || message.contains("Machine is not on the network"))) {
            return ConnectOutcome.UNREACHABLE;
        }
        return ConnectOutcome.LOCAL_ERROR;
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static TcpConnectResult result(ConnectOutcome outcome, InetSocketAddress remote, InetSocketAddress local,
                                           Duration elapsed, String error) {
        return new TcpConnectResult(outcome, remote, local, elapsed, error);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing useful to do: the socket is being abandoned
        }
    }
}
