package io.netcheck.capture;

import static io.netcheck.capture.Frames.addr;
import static io.netcheck.capture.Frames.ethernet;
import static io.netcheck.capture.Frames.ipv4;
import static io.netcheck.capture.Frames.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ClockOffset;
import io.netcheck.check.LbSideAnalysis;
import io.netcheck.check.LbSideEvidence;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's capture read back on the server, and netcheck's VIP flows found in it. */
class LbSideCaptureTest {
    private static final InetSocketAddress VIP = new InetSocketAddress(addr("203.0.113.10"), 80);
    private static final InetSocketAddress NETCHECK = new InetSocketAddress(addr("198.51.100.2"), 40000);
    private static final CaptureSummary CAPTURED = new CaptureSummary(true, null, List.of("lb-a:eth0"), "tcp", 128, 0,
            0, null);
    private static final Instant T = Instant.parse("2026-12-04T06:00:00Z");

    @TempDir
    Path dir;

    private static CapturedFrame frame(int ms, String src, int sport, String dst, int dport, int flags) {
        return new CapturedFrame(T.plusMillis(ms), 1, ethernet(0x0800, ipv4(src, dst, 6,
                tcp(sport, dport, 1000, flags == TcpSegment.SYN ? 0 : 2000, flags, 64240, new byte[0], new byte[0]))),
                54, "eth0");
    }

    private static List<CapturedFrame> answeredThreeTimes(String src, int sport) {
        List<CapturedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(frame(i * 1000, src, sport, "203.0.113.10", 80, TcpSegment.SYN));
            frames.add(frame(i * 1000 + 1, "203.0.113.10", 80, src, sport, TcpSegment.SYN | TcpSegment.ACK));
        }
        return frames;
    }

    private static LbSideEvidence seen(List<CapturedFrame> frames) {
        return LbSideAnalysis.of("lb-a", new ClockOffset(1500, 300), CAPTURED, VIP, NETCHECK,
                List.of(NETCHECK.getAddress()), List.of(), frames, new TcpdumpFormatter(ZoneOffset.UTC));
    }

    @Test
    void aWrittenCaptureReadsBackFrameForFrame() throws Exception {
        List<CapturedFrame> frames = answeredThreeTimes("198.51.100.2", 40000);
        Path file = dir.resolve("side.pcap");
        PcapFileWriter.write(file, frames, 128);
        List<CapturedFrame> back = PcapReader.read(Files.readAllBytes(file), "eth0");
        assertEquals(frames, back);
    }

    @Test
    void aCaptureCutMidRecordKeepsTheWholeFrames() throws Exception {
        Path file = dir.resolve("cut.pcap");
        PcapFileWriter.write(file, answeredThreeTimes("198.51.100.2", 40000), 128);
        byte[] all = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(all, all.length - 10);
        assertEquals(5, PcapReader.read(cut, "eth0").size());
    }

    @Test
    void netcheckSynsAnsweredByTheLbAreCountedOnTheLbSide() {
        LbSideEvidence side = seen(answeredThreeTimes("198.51.100.2", 40000));
        assertEquals("source port", side.matchedBy());
        assertEquals(3, side.synsArrived());
        assertEquals(3, side.synAcksSent());
        assertEquals(6, side.packets().size());
        assertTrue(side.answeredArrivals());
        assertEquals("lb-a saw 3 SYNs arrive and answered SYN-ACK 3 times", side.describe());
    }

    @Test
    void aRewrittenPortIsMatchedByTheSourceAddressAndFullNatByTheVipAlone() {
        assertEquals("source address", seen(answeredThreeTimes("198.51.100.2", 51000)).matchedBy());
        LbSideEvidence natted = seen(answeredThreeTimes("198.51.100.77", 51000));
        assertEquals("nat", natted.matchedBy());
        assertTrue(natted.describe().contains("possibly netcheck's, NATed"), natted.describe());
    }

    @Test
    void nothingArrivingIsSaidSo() {
        LbSideEvidence side = seen(List.of());
        assertEquals("none", side.matchedBy());
        assertEquals(0, side.synsArrived());
        assertEquals("lb-a saw nothing arrive", side.describe());
    }

    @Test
    void theOffsetIsTheMidpointOfTheRoundTrip() {
        ClockOffset o = ClockOffset.measured(1_000_000, 1_250_000, 1_100_000);
        assertEquals(200_000, o.offsetMicros());
        assertEquals(50_000, o.uncertaintyMicros());
        assertEquals("+200.000 ms ± 50.000 ms", o.text());
    }
}
