package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.dnsFailed;
import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

class NameDoesNotResolveTest {
    private final Rule<VipEvidence> rule = new ConnectNameFails().on(Connection::vip);

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
