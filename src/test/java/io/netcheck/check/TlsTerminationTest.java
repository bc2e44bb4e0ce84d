package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.PacketCapture;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.TestPki;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.Report;
import io.netcheck.report.VipReport;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.VerdictEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS VIP in front of plain-HTTP real servers, on loopback: the servers answer the ClientHello with
 * nginx's 400, are asked again in plain HTTP and count as up, and the VIP's own certificate decides.
 */
class TlsTerminationTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final String OK = "HTTP/1.1 200 OK\r\nServer: test\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";

    @TempDir
    static Path dir;
    static TestPki.Ca ca;
    static SSLContext valid;
    static SSLContext expired;

    private final ProbeRunner runner = new ProbeRunner(8, Clock.systemUTC());
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        TestPki pki = new TestPki(dir);
        ca = pki.ca("Test CA");
        valid = pki.issued(ca, "vip.test", "dns:vip.test", "2026/01/01 00:00:00", 365, "EC", 256, "SHA256withECDSA");
        expired = pki.issued(ca, "vip.test", "dns:vip.test", "2025/01/01 00:00:00", 100, "EC", 256, "SHA256withECDSA");
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        runner.close();
    }

    private TestPki.Server started(TestPki.Server s) {
        servers.add(s);
        return s;
    }

    private VipEvidence run(SSLContext vipCertificate, boolean backendTls, String sni, int backends) throws Exception {
        TestPki.Server vip = started(TestPki.Server.tls(vipCertificate, OK));
        List<HostPort> real = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            real.add(new HostPort("127.0.0.1", started(TestPki.Server.plainHttp(OK)).port()));
        }
        VipChecklist checklist = new VipChecklist((name, deadline) -> null, PacketCapture.disabled("off"), runner,
                Clock.systemUTC(), new ChecklistSettings(128, Duration.ofMillis(50), dir), TargetPolicy.OPEN,
                new CertificateCheck(TrustAnchors.withBundle(ca.pem()), Clock.fixed(NOW, ZoneOffset.UTC), 14));
        return checklist.run(new VipCheckRequest(new HostPort("127.0.0.1", vip.port()), real, true, backendTls, sni, "/",
                Duration.ofSeconds(3), false, null));
    }

    private static Verdict verdict(VipEvidence e) {
        return new VerdictEngine(new TeamDirectory(Map.of(), Map.of())).decide(e);
    }

    @Test
    void plainHttpServersBehindATlsVipAreAskedAgainAndCountAsUp() throws Exception {
        VipEvidence e = run(valid, true, "vip.test", 3);
        for (EndpointEvidence b : e.backends()) {
            assertEquals(EndpointState.HEALTHY, b.state(), b.toString());
            assertNotNull(b.result().tlsAttempt(), "the TLS try is kept as evidence");
            assertTrue(b.result().tlsAttempt().tls().answeredInClearText(), b.result().tlsAttempt().tls().error());
            assertNull(b.result().tls(), "the result is the plain-HTTP one");
            assertTrue(b.result().plainHttpBehindTls());
        }
        assertEquals(Layer.L7_PROXY, e.layer().layer());
        assertTrue(e.layer().reasons().get(0).contains("3 of 3 real servers answered the ClientHello in clear text "
                + "and GET in plain HTTP: the load balancer terminates TLS and speaks HTTP to the servers"),
                e.layer().reasons().toString());
        Verdict v = verdict(e);
        assertEquals(Cause.HEALTHY, v.cause(), v.explanation());

        Report report = VipReport.of(e, v);
        String text = new TextRenderer(ZoneOffset.UTC).render(report).replaceAll("\\s+", " "); // unwrap the prose
        assertTrue(text.contains("tls: the load balancer terminates TLS and speaks HTTP to the servers: 3 of 3 answered "
                + "the TLS ClientHello in clear text"), text);
        assertTrue(text.contains("termination: the load balancer terminates TLS and speaks HTTP to this server"), text);
        String json = new JsonRenderer().render(report);
        assertTrue(json.contains("\"tlsAttempt\"") && json.contains("Unsupported or unrecognized SSL message"), json);
    }

    @Test
    void anExpiredVipCertificateIsTlsForTheLbNotDegraded() throws Exception {
        VipEvidence e = run(expired, true, "vip.test", 3);
        assertEquals(3, e.backendsUp(), "the plain-HTTP servers answer");
        Verdict v = verdict(e);
        assertEquals(Cause.TLS, v.cause(), v.explanation());
        assertEquals("lb", v.team());
        assertEquals("tls-certificate-rejected", v.rule());
        assertTrue(v.summary().contains("expired on 2025-04-1"), v.summary());
        assertTrue(v.explanation().contains("3 of 3 real servers answer"), v.explanation());
    }

    @Test
    void aCertificateForAnotherNameIsTls() throws Exception {
        VipEvidence e = run(valid, true, "shop.test", 2);
        Verdict v = verdict(e);
        assertEquals(Cause.TLS, v.cause(), v.explanation());
        assertTrue(v.explanation().contains("it covers DNS:vip.test, not shop.test (SNI)"), v.explanation());
    }

    @Test
    void plainBackendsGetNoTlsTryAtAll() throws Exception {
        VipEvidence e = run(valid, false, "vip.test", 2);
        for (EndpointEvidence b : e.backends()) {
            assertEquals(EndpointState.HEALTHY, b.state());
            assertNull(b.result().tlsAttempt());
        }
        assertEquals(Cause.HEALTHY, verdict(e).cause());
    }
}
