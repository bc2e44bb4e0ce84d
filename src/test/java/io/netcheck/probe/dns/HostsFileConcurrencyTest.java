package io.netcheck.probe.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.probe.Deadline;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Names from the hosts file resolve every time, also when many probes resolve at once (a VIP and its
 * backends by the same name): dnsjava's shared hosts parser sometimes missed them under concurrency.
 */
class HostsFileConcurrencyTest {
    @Test
    void localhostResolvesFromTheHostsFileUnderParallelLookups() throws Exception {
        InetSocketAddress nowhere;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        }
        // The DNS server is a closed loopback port: only the hosts file can answer, and no query leaves the host.
        DnsjavaResolver resolver = new DnsjavaResolver(List.of(nowhere));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<Resolution>> all = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    all.add(pool.submit(() -> resolver.resolve("localhost", Deadline.in(Duration.ofMillis(500)))));
                }
                for (Future<Resolution> f : all) {
                    Resolution r = f.get();
                    assertEquals(ResolutionStatus.RESOLVED, r.status(), r.toString());
                    assertEquals("127.0.0.1", r.addresses().get(0).getHostAddress());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
