package io.netcheck.check;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** Self-signed certificates made by the JDK's keytool, and loopback TLS servers that present them. */
final class TestCertificates {
    private TestCertificates() {
    }

    /** @param startDate keytool -startdate, e.g. "-30d"; null for now */
    static SSLContext serverContext(Path dir, String cn, String sans, String startDate, int validityDays)
            throws IOException, InterruptedException, java.security.GeneralSecurityException {
        Path store = dir.resolve(cn + "-" + validityDays + "-" + (startDate == null ? "now" : startDate) + ".p12");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=" + sans, "-validity", Integer.toString(validityDays), "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit"));
        if (startDate != null) {
            cmd.addAll(List.of("-startdate", startDate));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A loopback server: TLS handshake (when a context is given), then answers every request with {@code response}. */
    static final class Server implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        private final Thread thread;

        Server(SSLContext tls, String response) throws IOException {
            socket = tls == null ? new ServerSocket(0, 10, InetAddress.getLoopbackAddress())
                    : tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        connections.incrementAndGet();
                        if (s instanceof SSLSocket ssl) {
                            ssl.startHandshake();
                        }
                        s.setSoTimeout(2000);
                        var in = s.getInputStream();
                        StringBuilder sb = new StringBuilder();
                        int c;
                        while ((c = in.read()) >= 0) {
                            sb.append((char) c);
                            if (sb.toString().endsWith("\r\n\r\n")) {
                                break;
                            }
                        }
                        if (response != null) {
                            String path = sb.length() > 4 ? sb.toString().split(" ")[1] : "/";
                            s.getOutputStream().write(response.replace("{path}", path).replace("{port}",
                                    Integer.toString(socket.getLocalPort())).getBytes());
                        }
                    } catch (IOException e) {
                        // next connection
                    }
                }
            }, "test-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
