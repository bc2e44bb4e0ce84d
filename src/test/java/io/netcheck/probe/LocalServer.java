package io.netcheck.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/** A loopback TCP server that treats each connection the way the test says: answer, reset, close, or hang. */
final class LocalServer implements AutoCloseable {
    enum Behaviour { ANSWER, RESET, CLOSE, HANG }

    /** What to do with each accepted connection, after its request has been read. */
    @FunctionalInterface
    interface Script {
        void run(OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread thread;
    final AtomicReference<String> lastRequest = new AtomicReference<>();

    LocalServer(Behaviour behaviour, String response) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), behaviour, response);
    }

    LocalServer(ServerSocket server, Behaviour behaviour, String response) {
        this.server = server;
        this.thread = new Thread(() -> serve(behaviour, response), "local-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads each request, then plays the script on the connection (which closes when the script returns). */
    LocalServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    readRequest(s);
                    script.run(s.getOutputStream());
                } catch (IOException | InterruptedException e) {
                    // connection over
                }
            }
        }, "local-server");
        thread.setDaemon(true);
        thread.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void serve(Behaviour behaviour, String response) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                switch (behaviour) {
                    case RESET -> {
                        readRequest(s);
                        s.setSoLinger(true, 0); // close with RST
                    }
                    case CLOSE -> {
                        // close at once: FIN, like HAProxy in tcp mode with no backend
                    }
                    case HANG -> {
                        readRequest(s);
                        Thread.sleep(10_000);
                    }
                    case ANSWER -> {
                        readRequest(s);
                        OutputStream out = s.getOutputStream();
                        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                // connection over
            }
        }
    }

    private void readRequest(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        lastRequest.set(sb.toString());
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
