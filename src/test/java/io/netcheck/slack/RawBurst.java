package io.netcheck.slack;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The bench's burst sender: one thread and one connection per request, all released at once, each timing from
 * its own first byte out to the end of the answer. Nothing is built or signed once the clock runs.
 */
final class RawBurst {
    private RawBurst() {
    }

    /** @return per request {latency in ns, 1 accepted / 2 busy / 0 other}, as SlackAckBench counts them */
    static List<CompletableFuture<long[]>> send(int port, List<byte[]> requests) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(requests.size());
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<long[]>> out = new ArrayList<>();
        for (byte[] request : requests) {
            CompletableFuture<long[]> f = new CompletableFuture<>();
            out.add(f);
            Thread t = new Thread(null, () -> {
                ready.countDown();
                long t0 = 0;
                try {
                    go.await();
                    t0 = System.nanoTime();
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        s.setSoTimeout(10_000);
                        s.getOutputStream().write(request);
                        String answer = readAll(s.getInputStream());
                        long took = System.nanoTime() - t0;
                        boolean ok = answer.startsWith("HTTP/1.1 200");
                        f.complete(new long[] {took, !ok ? 0 : answer.contains("Checking") ? 1
                                : answer.contains("busy") ? 2 : 0});
                    }
                } catch (Exception e) {
                    f.complete(new long[] {t0 == 0 ? 0 : System.nanoTime() - t0, 0});
                }
            }, "burst", 64 * 1024);
            t.setDaemon(true);
            t.start();
        }
        ready.await();
        go.countDown();
        return out;
    }

    private static String readAll(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0; ) {
            b.write(buf, 0, n);
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
