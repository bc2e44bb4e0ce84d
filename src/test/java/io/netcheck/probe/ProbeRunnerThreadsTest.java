package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runner holds as many threads as probes ran at once, not its maximum: an idle thread takes the next probe
 * (a bot running a few probes at a time used to hold all 128 threads, README "Start-up and memory"), and probes up
 * to the maximum still run in parallel, so silent backends cost one timeout together.
 */
class ProbeRunnerThreadsTest {

    @Test
    void probesOneAfterAnotherShareOneThread() throws Exception {
        try (ProbeRunner runner = new ProbeRunner(128, Clock.systemUTC())) {
            for (int i = 0; i < 20; i++) {
                assertEquals("p" + i, runner.submit((String s, Deadline d) -> s, "p" + i, Duration.ofSeconds(5))
                        .get(10, TimeUnit.SECONDS).result());
                awaitIdleThread(runner);
            }
            assertEquals(1, runner.threads());
        }
    }

    @Test
    void probesUpToTheMaximumRunAtOnceAndTheRestQueue() throws Exception {
        int max = 8;
        CountDownLatch allRunning = new CountDownLatch(max);
        CountDownLatch release = new CountDownLatch(1);
        try (ProbeRunner runner = new ProbeRunner(max, Clock.systemUTC())) {
            List<CompletableFuture<Timed<Integer>>> probes = new ArrayList<>();
            for (int i = 0; i < max + 4; i++) {
                probes.add(runner.submit((Integer n, Deadline d) -> {
                    allRunning.countDown();
                    release.await();
                    return n;
                }, i, Duration.ofSeconds(30)));
            }
            // Every one of the first `max` probes runs while none has finished: they run in parallel.
            assertTrue(allRunning.await(30, TimeUnit.SECONDS), "the first " + max + " probes did not all start");
            assertEquals(max, runner.threads());
            release.countDown();
            for (int i = 0; i < probes.size(); i++) {
                assertEquals(i, probes.get(i).get(30, TimeUnit.SECONDS).result());
            }
            assertEquals(max, runner.threads(), "the queued probes ran on the same threads");
        }
    }

    /** A finished probe's thread goes back to waiting a moment after the probe's future completes. */
    private static void awaitIdleThread(ProbeRunner runner) throws InterruptedException {
        for (int i = 0; i < 10_000 && !runner.hasIdleThread(); i++) {
            Thread.sleep(1);
        }
        assertTrue(runner.hasIdleThread(), "the probe's thread never went back to waiting");
    }
}
