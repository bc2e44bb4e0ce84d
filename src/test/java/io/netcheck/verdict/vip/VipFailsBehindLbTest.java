package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;

import static io.netcheck.verdict.Evidence.LB_TTL;
import static io.netcheck.verdict.Evidence.SERVER_TTL;
import static io.netcheck.verdict.Evidence.appError;
import static io.netcheck.verdict.Evidence.bodyStalled;
import static io.netcheck.verdict.Evidence.closedAfterAccept;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.refused;
import static io.netcheck.verdict.Evidence.resetAfterRequest;
import static io.netcheck.verdict.Evidence.silentAfterAccept;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VipFailsBehindLbTest {
    private final VipFailsBehindLb rule = new VipFailsBehindLb();
    private final String vip = "203.0.113.10:80";

    @Test
    void haproxy503WithEveryServerRefusingIsBackendsDown() {
        Finding f = fires(rule, of(lbPage(vip, LB_TTL, "HAProxy"), refused("203.0.113.130:80", SERVER_TTL),
                refused("203.0.113.131:80", SERVER_TTL)), Cause.BACKENDS_DOWN);
        cites(f, "HAProxy", "0 of 2 real servers answer");
    }

    @Test
    void tcpProxyClosingWithDeadServersIsBackendsDown() {
        fires(rule, of(closedAfterAccept(vip, LB_TTL), refused("203.0.113.130:80", SERVER_TTL)), Cause.BACKENDS_DOWN);
    }

    @Test
    void lbErrorAtOnceWhileEveryServerAnswersIsTheLbsConfigurationAtMedium() {
        Finding f = fires(rule, of(lbPage(vip, LB_TTL, "HAProxy"), healthy("203.0.113.130:80", SERVER_TTL),
                healthy("203.0.113.131:80", SERVER_TTL)), Cause.LB_MISCONFIGURED);
        cites(f, "2 of 2 real servers answer", "cannot see the path between the LB and the servers");
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void aGatewayTimeoutWhileEveryServerAnswersIsThePathBehindTheLb() {
        Finding f = fires(rule, of(lbPage(vip, LB_TTL, "nginx", 504, Duration.ofSeconds(1)),
                healthy("203.0.113.130:80", SERVER_TTL)), Cause.BACKENDS_UNREACHABLE);
        cites(f, "waiting for a server it cannot reach", "from the load balancer host");
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void anLbThatHoldsTheRequestWhileEveryServerAnswersIsThePathBehindTheLb() {
        fires(rule, of(silentAfterAccept(vip, LB_TTL), healthy("203.0.113.130:80", SERVER_TTL),
                healthy("203.0.113.131:80", SERVER_TTL)), Cause.BACKENDS_UNREACHABLE);
    }

    @Test
    void a503AfterALongWaitIsHeldButA503AtOnceIsNot() {
        fires(rule, of(lbPage(vip, LB_TTL, "HAProxy", 503, Duration.ofMillis(3000)),
                healthy("203.0.113.130:80", SERVER_TTL)), Cause.BACKENDS_UNREACHABLE);
        fires(rule, of(lbPage(vip, LB_TTL, "HAProxy", 503, Duration.ofMillis(900)),
                healthy("203.0.113.130:80", SERVER_TTL)), Cause.LB_MISCONFIGURED);
    }

    @Test
    void deadServersBehindAnLbPageAreHighConfidence() {
        Finding f = fires(rule, of(lbPage(vip, LB_TTL, "HAProxy"), refused("203.0.113.130:80", SERVER_TTL)),
                Cause.BACKENDS_DOWN);
        assertEquals(Confidence.HIGH, f.calibrated());
    }

    @Test
    void serversThatTimeOutAreUnreachableNotDown() {
        fires(rule, of(lbPage(vip, LB_TTL, "nginx"), timeout("203.0.113.130:80"), timeout("203.0.113.131:80")),
                Cause.BACKENDS_UNREACHABLE);
    }

    @Test
    void someServersUpIsDegraded() {
        fires(rule, of(resetAfterRequest(vip, LB_TTL), healthy("203.0.113.130:80", SERVER_TTL),
                refused("203.0.113.131:80", SERVER_TTL)), Cause.DEGRADED);
    }

    @Test
    void everyServerAnswering5xxIsTheApplication() {
        fires(rule, of(silentAfterAccept(vip, LB_TTL), appError("203.0.113.130:80", SERVER_TTL)), Cause.APP_ERROR);
    }

    @Test
    void aStalledBodyAtTheVipIsAFindingNeverAPass() {
        Finding lb = fires(rule, of(bodyStalled(vip, LB_TTL, 1448, 102400), healthy("203.0.113.130:80", SERVER_TTL)),
                Cause.LB_MISCONFIGURED);
        cites(lb, "stalls the response body", "then the body stalled (1448 of 102400 body bytes");
        org.junit.jupiter.api.Assertions.assertTrue(lb.nextSteps().contains(
                "netcheck mtu 203.0.113.10 to measure the path MTU towards the VIP"), lb.nextSteps().toString());
        Finding servers = fires(rule, of(bodyStalled(vip, LB_TTL, 0, 102400),
                bodyStalled("203.0.113.130:80", SERVER_TTL, 1448, 102400),
                silentAfterAccept("203.0.113.131:80", SERVER_TTL)), Cause.APP_ERROR);
        cites(servers, "start answering, then their responses stall");
    }

    @Test
    void withoutBackendsItWillNotGuess() {
        Finding f = fires(rule, of(lbPage(vip, LB_TTL, "HAProxy")), Cause.INCONCLUSIVE);
        cites(f, "--backends");
    }

    @Test
    void staysSilentWhenTheVipServesOrNeverConnected() {
        silent(rule, of(healthy(vip, LB_TTL), refused("203.0.113.130:80", SERVER_TTL)));
        silent(rule, of(refused(vip, LB_TTL)));
        silent(rule, of(appError(vip, LB_TTL)));
    }
}
