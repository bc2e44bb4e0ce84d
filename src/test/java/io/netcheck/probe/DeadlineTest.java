package io.netcheck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Deadlines and the runner's timing on an injected time source: the tests advance it instead of waiting. */
class DeadlineTest {
    private final FakeTicker ticker = new FakeTicker();

    @Test
    void aDeadlineExpiresWhenItsTimeSourceSaysSo() {
        Deadline d = Deadline.in(Duration.ofSeconds(3), ticker);
        assertEquals(Duration.ofSeconds(3), d.remaining());
        ticker.advance(Duration.ofMillis(2999));
        assertFalse(d.expired());
        assertEquals(1, d.remainingMillisForSocket());
        ticker.advance(Duration.ofMillis(1));
        assertTrue(d.expired());
        assertEquals(Duration.ZERO, d.remaining());
        assertEquals(1, d.remainingMillisForSocket(), "never 0, which sockets read as forever");
    }

    @Test
    void aSecondPhaseRunsOnTheSameTimeSource() {
        Deadline next = Deadline.in(Duration.ofSeconds(1), ticker).next(Duration.ofMillis(200));
        ticker.advance(Duration.ofMillis(200));
        assertTrue(next.expired());
    }

    @Test
    void theRunnerTimesAndLimitsProbesWithItsTicker() throws Exception {
        try (ProbeRunner runner = new ProbeRunner(1, Clock.systemUTC(), ticker)) {
            Timed<Boolean> timed = runner.submit((Integer ms, Deadline deadline) -> {
                ticker.advance(Duration.ofMillis(ms)); // the probe "takes" this long
                return deadline.expired();
            }, 2500, Duration.ofSeconds(3)).get();
            assertEquals(Duration.ofMillis(2500), timed.elapsed(), "elapsed from the ticker, exactly");
            assertFalse(timed.result());
            assertTrue(runner.submit((Integer ms, Deadline deadline) -> {
                ticker.advance(Duration.ofMillis(ms));
                return deadline.expired();
            }, 3000, Duration.ofSeconds(3)).get().result(), "the probe's deadline runs on the runner's ticker");
        }
    }
}
