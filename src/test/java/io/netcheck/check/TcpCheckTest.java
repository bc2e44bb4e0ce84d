package io.netcheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.PacketCapture;
import io.netcheck.capture.Pcap4jCapture;
import io.netcheck.check.Attribution;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.check.HostAnswer;
import io.netcheck.check.HostPort;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import java.util.List;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The telnet test against real loopback sockets, captured on lo when this process may capture. */
class TcpCheckTest {
    @TempDir
    Path dir;
    private final ProbeRunner runner = new ProbeRunner(8, Clock.systemUTC());

    @AfterEach
    void close() {
        runner.close();
    }

    /** Names never reach a real DNS server in these tests. */
    private static final NameResolver NO_SUCH_NAME = (name, deadline) -> new Resolution(name,
            ResolutionStatus.NXDOMAIN, List.of(), List.of(), List.of("127.0.0.1#53"), Duration.ofMillis(1),
            "the name does not exist (NXDOMAIN)");

    private TcpCheck check(PacketCapture capture) {
        return new TcpCheck(new Targeting(NO_SUCH_NAME, runner), runner,
                new CaptureRun(capture, new ChecklistSettings(128, Duration.ofMillis(150), dir), Clock.systemUTC()),
                Clock.systemUTC());
    }

    private static TcpRequest request(int port, boolean capture) {
        return new TcpRequest(new HostPort("127.0.0.1", port), Duration.ofSeconds(2), capture, null);
    }

    @Test
    void connectsToAListenerAndCapturesTheHandshake() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            TcpEvidence e = check(new Pcap4jCapture(false)).run(request(server.getLocalPort(), true));
            assertEquals(TcpState.CONNECTED, e.state());
            assertNotNull(e.attempt().connect().local());
            if (e.capture().available()) {
                assertTrue(e.attempt().wire().synAckSeen(), e.attempt().packets().toString());
                assertEquals(64, e.attempt().wire().synAckTtl());
                assertTrue(e.attempt().packets().get(0).contains("Flags [S]"), e.attempt().packets().toString());
                assertNotNull(e.capture().pcapFile());
                assertTrue(Files.size(Path.of(e.capture().pcapFile())) > 24);
            }
        }
    }

    @Test
    void aClosedPortIsRefusedWithAReset() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TcpEvidence e = check(new Pcap4jCapture(false)).run(request(port, true));
        assertEquals(TcpState.REFUSED, e.state());
        if (e.capture().available()) {
            assertTrue(e.attempt().wire().resetSeen());
            assertTrue(e.attempt().packets().stream().anyMatch(l -> l.contains("Flags [R.]")));
        }
    }

    @Test
    void aClosedPortIsJudgedAgainstTheTargetHostsOwnAnswersCapturedInTheSameWindow() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        TcpEvidence e = check(new Pcap4jCapture(false)).run(request(port, true));
        assertEquals(TcpState.REFUSED, e.state());
        HostAnswer second = e.attempt().host().otherPort();
        assertEquals("TCP port 9", second.probe(), second.describe());
        if (e.capture().available()) {
            assertEquals(HostAnswer.Kind.ANSWERED, second.kind(), second.describe());
            assertEquals("RST", second.detail());
            assertEquals(64, second.ttl());
            // The RST on the port and the host's own RST on port 9: the same host, the same distance.
            assertEquals(Attribution.Origin.VIP_HOST, e.attempt().origin().origin(), e.attempt().origin().toString());
            assertTrue(e.attempt().host().packets().stream().anyMatch(l -> l.contains("127.0.0.1.9: Flags [S]")),
                    e.attempt().host().packets().toString());
            // The .pcap holds the connect's packets and the host measurement's, nothing else.
            assertEquals(e.attempt().packets().size() + e.attempt().host().packets().size(), e.capture().packets());
            assertTrue(Files.size(Path.of(e.capture().pcapFile())) > 24 + 4 * 16);
        }
    }

    @Test
    void withoutCaptureTheSocketStillAnswersAndTheReportSaysWhy() throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            TcpEvidence e = check(PacketCapture.disabled("unused")).run(request(server.getLocalPort(), false));
            assertEquals(TcpState.CONNECTED, e.state());
            assertFalse(e.capture().available());
            assertEquals("capture switched off (--no-capture)", e.capture().problem());
            assertTrue(e.attempt().packets().isEmpty());
        }
    }

    @Test
    void anUnknownNameNeverConnects() throws InterruptedException {
        TcpEvidence e = check(PacketCapture.disabled("off")).run(new TcpRequest(
                new HostPort("db.example.test", 80), Duration.ofMillis(500), false, null));
        assertEquals(TcpState.DNS_FAILED, e.state());
        assertEquals(null, e.attempt().connect());
    }
}
