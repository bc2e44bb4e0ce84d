package io.netcheck.probe;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Certificates made for a test by the JDK's keytool — a private CA and the server certificates it signs,
 * with chosen dates, names, keys and signatures — and loopback servers that present them.
 */
public final class TestPki {
    private static final String PASS = "changeit";
    private final Path dir;
    private int serial;

    public TestPki(Path dir) {
        this.dir = dir;
    }

    /** A private CA, EC P-256, valid from 2020-01-01 for 20 years; {@code pem} is what a CA bundle holds. */
    public record Ca(String cn, Path store, Path pem) {
    }

    public Ca ca(String cn) throws IOException, InterruptedException {
        Path store = dir.resolve("ca-" + (++serial) + ".p12");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "bc:c", "-startdate", "2020/01/01 00:00:00", "-validity", "7300", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASS);
        Path pem = dir.resolve("ca-" + serial + ".pem");
        try {
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(load(store).getCertificate("ca").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return new Ca(cn, store, pem);
    }

    /**
     * A server certificate signed by {@code ca}, presented with the CA as its chain.
     *
     * @param start  keytool -startdate, e.g. "2026/01/01 00:00:00"
     * @param keyAlg "EC" (P-256) or "RSA"
     * @param sigAlg the CA's signature, e.g. "SHA256withECDSA" or "SHA1withECDSA"
     */
    public SSLContext issued(Ca ca, String cn, String sans, String start, int days, String keyAlg, int keyBits,
                             String sigAlg) throws IOException, InterruptedException, GeneralSecurityException {
        int n = ++serial;
        Path store = dir.resolve("srv-" + n + ".p12");
        List<String> gen = new ArrayList<>(List.of("-genkeypair", "-alias", "srv", "-keyalg", keyAlg, "-dname",
                "CN=" + cn, "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASS));
        gen.addAll(keyAlg.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "" + keyBits));
        keytool(gen.toArray(String[]::new));
        Path csr = dir.resolve("srv-" + n + ".csr");
        Path crt = dir.resolve("srv-" + n + ".pem");
        keytool("-certreq", "-alias", "srv", "-keystore", store.toString(), "-storepass", PASS, "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.store().toString(), "-storepass", PASS, "-infile",
                csr.toString(), "-outfile", crt.toString(), "-rfc", "-ext", "SAN=" + sans, "-startdate", start,
                "-validity", "" + days, "-sigalg", sigAlg);
        // Put the signed certificate and the CA in as the key's chain (what keytool -importcert does, without two JVMs).
        KeyStore ks = load(store);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate leaf;
        Certificate caCert;
        try (InputStream a = Files.newInputStream(crt); InputStream b = Files.newInputStream(ca.pem())) {
            leaf = x509.generateCertificate(a);
            caCert = x509.generateCertificate(b);
        }
        ks.setKeyEntry("srv", ks.getKey("srv", PASS.toCharArray()), PASS.toCharArray(), new Certificate[] {leaf, caCert});
        return context(ks);
    }

    /** A self-signed EC P-256 server certificate. */
    public SSLContext selfSigned(String cn, String sans, String start, int days)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("self-" + (++serial) + ".p12");
        keytool("-genkeypair", "-alias", "srv", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=" + sans, "-startdate", start, "-validity", "" + days, "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASS);
        return context(load(store));
    }

    private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, PASS.toCharArray());
        }
        return ks;
    }

    private static SSLContext context(KeyStore ks) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASS.toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    /**
     * A loopback web server, TLS or plain. The plain one treats a request that is not HTTP (a TLS
     * ClientHello) as nginx does: {@code HTTP/1.1 400 Bad Request}, then close.
     */
    public static final class Server implements AutoCloseable {
        private final ServerSocket socket;
        public final AtomicInteger connections = new AtomicInteger();

        private Server(ServerSocket socket, String response) {
            this.socket = socket;
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        connections.incrementAndGet();
                        Thread c = new Thread(() -> serve(s, response), "test-pki-conn");
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "test-pki-server");
            t.setDaemon(true);
            t.start();
        }

        public static Server tls(SSLContext ctx, String response) throws IOException {
            return new Server(ctx.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress()),
                    response);
        }

        public static Server plainHttp(String response) throws IOException {
            return new Server(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()), response);
        }

        private static void serve(Socket s, String response) {
            try (s) {
                if (s instanceof SSLSocket ssl) {
                    ssl.startHandshake();
                }
                s.setSoTimeout(3000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                int first = in.read();
                if (first < 'A' || first > 'Z') { // not a request line: a ClientHello starts with 0x16
                    out.write(("HTTP/1.1 400 Bad Request\r\nServer: test\r\nContent-Length: 0\r\nConnection: close\r\n"
                            + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return;
                }
                StringBuilder head = new StringBuilder().append((char) first);
                int c;
                while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
                    head.append((char) c);
                }
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // connection over
            }
        }

        public InetSocketAddress address() {
            return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
        }

        public int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
