package io.netcheck.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The capture's stop reads what the kernel queued for it: every datagram sent before stop is in the result, and
 * stop does not sit out its whole linger once the handle's queue is read (the kernel's count matches what the loop
 * was handed, so the drain condition is met and only the short quiet period remains). Needs capture rights: the
 * test run is root (CI and the lab).
 */
class Pcap4jCaptureDrainTest {
    @Test
    void everyPacketQueuedBeforeStopIsReadAndStopEndsLongBeforeItsLinger() throws Exception {
        assertNull(Pcap4jCapture.availability(), "capture must be available (run the tests as root)");
        try (DatagramSocket target = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket noise = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket sender = new DatagramSocket()) {
            int port = target.getLocalPort();
            CaptureSession session = new Pcap4jCapture(false).start(List.of("lo"), "udp dst port " + port, 128);
            // Other loopback traffic, outside the filter: the kernel's count is of what passed the filter.
            byte[] body = new byte[16];
            for (int i = 0; i < 200; i++) {
                sender.send(new DatagramPacket(body, body.length, InetAddress.getLoopbackAddress(),
                        noise.getLocalPort()));
                if (i % 4 == 0) {
                    sender.send(new DatagramPacket(body, body.length, InetAddress.getLoopbackAddress(), port));
                }
            }
            long t0 = System.nanoTime();
            CaptureResult result = session.stop(Duration.ofSeconds(20));
            long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertEquals(50, result.frames().size(), "every datagram sent to the port before stop");
            // Not a speed measurement: with a kernel count that never matched, stop would wait all 20 s.
            assertTrue(took < 10_000, "stop waited " + took + " ms of its 20 s linger");
        }
    }
}
