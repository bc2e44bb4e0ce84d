package io.netcheck.verdict.vip;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.local;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.overran;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.tcp.ConnectOverran;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A VIP or real-server probe the runner stopped waiting for: the fault matrix under load ~18 turned a TLS VIP
 * whose handshake overran in a cold JVM into LOCAL (platform) at HIGH. Unfinished is INCONCLUSIVE, never a team.
 */
class ProbeOverranTest {
    private static final String VIP = "203.0.113.10:443";

    private static Finding decide(VipEvidence e) {
        return VipRules.TABLE.stream().map(r -> r.evaluate(e)).flatMap(Optional::stream).findFirst().orElseThrow();
    }

    @Test
    void anUnfinishedVipProbeIsInconclusiveAndNotALocalFault() {
        VipEvidence e = of(overran(VIP), healthy("198.51.100.21:443", Evidence.SERVER_TTL));
        silent(new LocalFault(), e);
        Finding f = fires(new ConnectOverran().on(Connection::vip), e, Cause.INCONCLUSIVE);
        cites(f, "probe of the VIP did not finish in time", "TimeoutException");
        assertEquals(Cause.INCONCLUSIVE, decide(e).cause());
        assertEquals(Cause.LOCAL, decide(of(local(VIP))).cause(), "a real local error stays local");
    }

    @Test
    void anUnfinishedRealServerIsNeitherUpNorDown() {
        VipEvidence e = of(healthy(VIP, Evidence.LB_TTL), healthy("198.51.100.21:443", Evidence.SERVER_TTL),
                overran("198.51.100.22:443"));
        Finding f = fires(new BackendProbeOverran(), e, Cause.INCONCLUSIVE);
        cites(f, "step 3 did not finish", "198.51.100.22:443");
        assertEquals(Cause.INCONCLUSIVE, decide(e).cause(), "not some-backends-down");
        silent(new BackendProbeOverran(), of(healthy(VIP, Evidence.LB_TTL), timeout("198.51.100.22:443")));
    }
}
