package io.netcheck.verdict;

import io.netcheck.verdict.vip.NameDoesNotResolve;
import static io.netcheck.verdict.Evidence.dnsFailed;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.probe.dns.ResolutionStatus;
import org.junit.jupiter.api.Test;

class NameDoesNotResolveTest {
    private final NameDoesNotResolve rule = new NameDoesNotResolve();

    @Test
    void firesOnNxdomainAndNamesTheResolver() {
        Finding f = fires(rule, of(dnsFailed("nope.lab.test", 80, ResolutionStatus.NXDOMAIN)), Cause.DNS);
        cites(f, "nope.lab.test", "NXDOMAIN", "198.51.100.1#53");
    }

    @Test
    void staysSilentForLiteralsThatConnect() {
        silent(rule, of(healthy("203.0.113.10:80", Evidence.LB_TTL)));
    }
}
