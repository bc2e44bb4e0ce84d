package io.netcheck.slack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Real targets on loopback for the Slack flow: one HTTP server that answers, one port nothing listens on. */
final class LoopbackTargets implements AutoCloseable {
    final HttpServer server;
    final int closedPort;
    /** Accepts connections (in the kernel's backlog) and never answers: runs against it last a full timeout. */
    final ServerSocket silent;

    LoopbackTargets() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", ex -> {
            byte[] body = "ok\n".getBytes();
            ex.getResponseHeaders().add("Server", "loopback-app");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    String vip() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String closed() {
        return "127.0.0.1:" + closedPort;
    }

    String silentTarget() {
        return "127.0.0.1:" + silent.getLocalPort();
    }

    @Override
    public void close() {
        try {
            silent.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        server.stop(0);
    }
}
