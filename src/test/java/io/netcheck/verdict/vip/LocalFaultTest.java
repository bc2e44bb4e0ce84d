package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Evidence;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.local;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LocalFaultTest {
    private final LocalFault rule = new LocalFault();

    @Test
    void firesWhenTheProbeNeverLeftThisHost() {
        Finding f = fires(rule, of(local("203.0.113.10:80")), Cause.LOCAL);
        cites(f, "no route to 203.0.113.10");
        // No socket was made, so the empty capture proves nothing more: one signal.
        assertEquals(Confidence.MEDIUM, f.calibrated(), String.valueOf(f.signals()));
    }

    @Test
    void staysSilentWhenTheVipConnected() {
        silent(rule, of(healthy("203.0.113.10:80", Evidence.LB_TTL)));
    }
}
