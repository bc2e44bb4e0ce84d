package io.netcheck.verdict.tls;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.tlsFailed;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import io.netcheck.check.TlsObservation;
import io.netcheck.check.VipEvidence;
import org.junit.jupiter.api.Test;

class TlsHandshakeFailsTest {
    private final Rule<VipEvidence> rule = new TlsNoHandshake().on(e -> TlsObservation.failedAt(e.vip()));

    @Test
    void firesWhenTcpWorksButTlsDoesNot() {
        Finding f = fires(rule, of(tlsFailed("203.0.113.10:443", 63)), Cause.TLS);
        cites(f, "handshake_failure", "SNI vip.example");
    }

    @Test
    void staysSilentWhenHttpWorks() {
        silent(rule, of(healthy("203.0.113.10:443", 63)));
    }
}
