package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The runner's safety net (deadline plus grace) starts when a probe runs, not when it is queued: a probe that waited
 * for a thread on a busy host used to come back "did not finish in time" without ever having run. These use the
 * real scheduler of {@link CompletableFuture#orTimeout}; what they assert is an outcome, not a duration.
 */
class ProbeRunnerQueueTest {

    @Test
    void aProbeWaitingForAThreadLongerThanItsOwnDeadlineStillRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ProbeRunner runner = new ProbeRunner(1, Clock.systemUTC())) {
            CompletableFuture<Timed<String>> busy = runner.submit((String s, Deadline d) -> {
                release.await();
                return s;
            }, "first", Duration.ofSeconds(30));
            CompletableFuture<Timed<String>> queued = runner.submit((String s, Deadline d) -> s, "second",
                    Duration.ofMillis(100));
            // Longer than the queued probe's 100 ms + 500 ms grace, well inside its queue bound (10 x 100 + 500).
            Thread.sleep(1000);
            release.countDown();
            assertEquals("first", busy.get(5, TimeUnit.SECONDS).result());
            assertEquals("second", queued.get(5, TimeUnit.SECONDS).result());
        }
    }

    @Test
    void aProbeThatOutlivesItsDeadlineAndGraceIsGivenUpOn() {
        CountDownLatch never = new CountDownLatch(1);
        try (ProbeRunner runner = new ProbeRunner(1, Clock.systemUTC())) {
            CompletableFuture<Timed<Boolean>> stuck = runner.submit((String s, Deadline d) -> never.await(1,
                    TimeUnit.MINUTES), "stuck", Duration.ofMillis(50));
            CompletionException e = assertThrows(CompletionException.class, stuck::join);
            assertTrue(e.getCause() instanceof TimeoutException, String.valueOf(e.getCause()));
        }
    }
}
