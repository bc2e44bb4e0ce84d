package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;

import static io.netcheck.verdict.Evidence.icmp;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

class HostAbsentTest {
    private final Rule<VipEvidence> rule = new ConnectHostAbsent().on(Connection::vip);

    @Test
    void hostUnreachableMeansNobodyHoldsTheAddress() {
        Finding f = fires(rule, of(icmp("203.0.113.250:80", IcmpKind.HOST_UNREACHABLE, 3, 1, "203.0.113.129")),
                Cause.HOST_UNREACHABLE);
        cites(f, "203.0.113.250", "Router 203.0.113.129");
    }

    @Test
    void staysSilentOnTimeouts() {
        silent(rule, of(timeout("203.0.113.10:80")));
    }
}
