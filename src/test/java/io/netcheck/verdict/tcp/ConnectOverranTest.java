package io.netcheck.verdict.tcp;

import static io.netcheck.verdict.Attempts.local;
import static io.netcheck.verdict.Attempts.overran;
import static io.netcheck.verdict.Attempts.refused;
import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A probe the runner stopped waiting for is netcheck being slow, not netcheck's host unable to send: under load a
 * TLS handshake in a cold JVM overran and the old table named the platform team at HIGH.
 */
class ConnectOverranTest {
    private static final String HOST = "198.51.100.40:8443";
    private final Rule<ConnectAttempt> rule = new ConnectOverran().on(Connection::of);

    @Test
    void anOverrunProbeIsInconclusiveNamingNoTeam() {
        Finding f = fires(rule, overran(HOST), Cause.INCONCLUSIVE);
        assertEquals(Confidence.LOW, f.calibrated());
        assertEquals("none", f.cause().defaultTeam(), "no team owns a slow netcheck");
        cites(f, "did not finish in time", "not evidence against any team");
    }

    @Test
    void aRealLocalErrorOrAnAnswerIsNotAnOverrun() {
        silent(rule, local(HOST));
        silent(rule, refused(HOST, 62));
        assertEquals(TcpState.LOCAL_ERROR, local(HOST).state());
        assertEquals(TcpState.OVERRAN, overran(HOST).state());
    }

    @Test
    void theConnectTableDecidesOverrunBeforeTheLocalFault() {
        silent(new ConnectLocalFault(), overran(HOST));
        Finding first = TcpRules.CONNECT.stream().map(r -> r.evaluate(overran(HOST))).flatMap(Optional::stream)
                .findFirst().orElseThrow();
        assertEquals(Cause.INCONCLUSIVE, first.cause());
    }
}
