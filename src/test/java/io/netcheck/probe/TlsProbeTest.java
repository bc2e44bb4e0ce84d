package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS in step 2: a loopback TLS server with a certificate generated for the test by the JDK's keytool. */
class TlsProbeTest {
    @TempDir
    static Path dir;
    static SSLContext serverContext;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "vip", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=vip.example",
                "-ext", "SAN=dns:vip.example,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(Files.size(store) > 0);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
    }

    private ServiceResult probe(LocalServer server, String sni) throws Exception {
        InetSocketAddress a = server.address();
        return new ServiceProbe().probe(new ServiceTarget("t", a, RouteLookup.lookup(a.getAddress()), "vip.example", "/",
                true, sni), Deadline.in(Duration.ofSeconds(3)));
    }

    private LocalServer tlsServer() throws Exception {
        SSLServerSocket socket = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        return new LocalServer(socket, LocalServer.Behaviour.ANSWER, "HTTP/1.1 204 No Content\r\n\r\n");
    }

    @Test
    void handshakeRecordsChainTrustAndNameMatch() throws Exception {
        try (LocalServer server = tlsServer()) {
            ServiceResult r = probe(server, "vip.example");
            TlsResult tls = r.tls();
            assertTrue(tls.established(), String.valueOf(tls.error()));
            assertTrue(tls.protocol().startsWith("TLSv1."), tls.protocol());
            assertEquals("CN=vip.example", tls.chain().get(0).subject());
            assertTrue(tls.chain().get(0).subjectAltNames().contains("DNS:vip.example"));
            assertFalse(tls.trusted(), "a self-signed certificate is not in the JVM trust store");
            assertEquals(Boolean.TRUE, tls.nameMatches());
            assertEquals(204, r.exchange().response().status());
        }
    }

    @Test
    void wrongNameIsCalledOut() throws Exception {
        try (LocalServer server = tlsServer()) {
            assertEquals(Boolean.FALSE, probe(server, "other.example").tls().nameMatches());
        }
    }

    @Test
    void plainHttpServerFailsTheHandshake() throws Exception {
        try (LocalServer server = new LocalServer(LocalServer.Behaviour.ANSWER, "HTTP/1.1 400 Bad Request\r\n\r\n")) {
            TlsResult tls = probe(server, "vip.example").tls();
            assertFalse(tls.established());
            assertTrue(tls.error() != null && !tls.error().isBlank());
        }
    }
}
