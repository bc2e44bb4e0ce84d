package io.netcheck.verdict.trace;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rules;
import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.CaptureRun;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.TraceRequest;
import io.netcheck.check.HostPort;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.probe.raw.HopAnswer;
import io.netcheck.probe.raw.TraceHop;
import io.netcheck.probe.raw.TraceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trace rules. */
public class TraceRulesTest {
    public static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    public static final String DST = "203.0.113.130";

    @Test
    void aNameThatDoesNotResolveIsOneResolverPath() {
        Resolution nx = new Resolution("nosuch.lab.test", ResolutionStatus.NXDOMAIN, List.of(),
                List.of(), List.of("198.51.100.1#53"), Duration.ofMillis(2), "the name does not exist (NXDOMAIN)");
        TraceEvidence t = new TraceEvidence(new TraceRequest(new HostPort("nosuch.lab.test", 80), true, 30,
                Duration.ofSeconds(1), null), NOW, Duration.ZERO, nx, null, null, nx.error(), List.of(),
                CaptureRun.notApplicable("x"));
        rests(fires(new TraceNotSent(), t, Cause.DNS), Confidence.MEDIUM, 1, "nosuch.lab.test: NXDOMAIN");
    }

    public static HopAnswer at(String from, String what, boolean dst, int type, int code) {
        return new HopAnswer(Evidence.ip(from), Duration.ofMillis(1), what, dst, type, code, 64);
    }

    public static final HopAnswer R1 = at("198.51.100.1", "time exceeded", false, 11, 0);
    public static final HopAnswer R2 = at("198.51.100.10", "time exceeded", false, 11, 0);

    public static TraceEvidence trace(TraceHop... hops) {
        TraceResult r = new TraceResult("eth0", Evidence.ip("198.51.100.1"), 80, List.of(hops), null, List.of());
        return new TraceEvidence(new TraceRequest(new HostPort(DST, 80), true, 30, Duration.ofSeconds(1), null), NOW,
                Duration.ofSeconds(1), Resolution.literal(DST, Evidence.ip(DST)), Evidence.ip(DST), r, null, List.of(),
                CaptureRun.notApplicable("x"));
    }

    public static TraceHop hop(int ttl, HopAnswer icmp, HopAnswer tcp) {
        return new TraceHop(ttl, true, icmp, true, tcp);
    }

    @Test
    void traceReachingTheServiceListsTheRouters() {
        TraceEvidence e = trace(hop(1, R1, R1), hop(2, R2, R2), hop(3, at(DST, "echo reply", true, -1, -1),
                at(DST, "SYN-ACK", true, -1, -1)));
        Finding f = fires(new TraceReaches(), e, Cause.HEALTHY);
        cites(f, "203.0.113.130:80 is reached in 3 hops", "[198.51.100.1, 198.51.100.10]");
        rests(f, Confidence.HIGH, 2, "the SYN with TTL 3 was answered by 203.0.113.130 with SYN-ACK",
                "the ICMP echo reaches 203.0.113.130 too");
        assertEquals(List.of(Evidence.ip("198.51.100.1"), Evidence.ip("198.51.100.10")), e.routers());
    }

    @Test
    void aFirewallBlockingOnlyTheServiceShowsUp() {
        TraceEvidence e = trace(hop(1, R1, R1), hop(2, R2, null), hop(3, at(DST, "echo reply", true, -1, -1), null),
                new TraceHop(4, false, null, true, null));
        Finding f = fires(new TraceServiceBlocked(), e, Cause.FIREWALL_DROP);
        cites(f, "TCP to port 80 is dropped after hop 1 (198.51.100.1); ICMP reaches 203.0.113.130");
        rests(f, Confidence.HIGH, 2, "the SYNs to port 80 go unanswered after hop 1",
                "the ICMP echo reaches 203.0.113.130 at hop 3");
        assertEquals("trace-service-blocked", Rules.decidingRule(TraceRules.TRACE, e));
        TraceEvidence rejected = trace(hop(1, R1, R1), hop(2, R2, at("198.51.100.10", "administratively prohibited",
                false, 3, 13)), hop(3, at(DST, "echo reply", true, -1, -1), null));
        rests(fires(new TraceServiceBlocked(), rejected, Cause.FIREWALL_REJECT), Confidence.HIGH, 2,
                "the SYN with TTL 2: 198.51.100.10 administratively prohibited", "the ICMP echo reaches");
    }

    @Test
    void whereThePathEnds() {
        TraceEvidence unreachable = trace(hop(1, at("198.51.100.1", "network unreachable", false, 3, 0),
                at("198.51.100.1", "network unreachable", false, 3, 0)));
        // Both probes end at the same router with the same error: two signals.
        rests(fires(new TracePathEnds(), unreachable, Cause.ROUTING), Confidence.HIGH, 2, "the ICMP echo ends there",
                "the TCP SYN ends there");
        TraceEvidence icmpOnly = trace(hop(1, at("198.51.100.1", "network unreachable", false, 3, 0), null));
        rests(fires(new TracePathEnds(), icmpOnly, Cause.ROUTING), Confidence.MEDIUM, 1, "the ICMP echo ends there");
        List<TraceHop> silent = new ArrayList<>(List.of(hop(1, R1, R1)));
        for (int i = 2; i <= 4; i++) {
            silent.add(hop(i, null, null));
        }
        Finding f = fires(new TracePathEnds(), trace(silent.toArray(TraceHop[]::new)), Cause.FIREWALL_DROP);
        cites(f, "goes silent after hop 1 (198.51.100.1)");
        silent(new TracePathEnds(), trace(hop(1, R1, at(DST, "SYN-ACK", true, -1, -1))));
    }

    @Test
    void aResetAtTheEndMeansNothingListens() {
        Finding f = fires(new TraceReaches(), trace(hop(1, R1, R1), hop(2, at(DST, "echo reply", true, -1, -1),
                at(DST, "RST", true, -1, -1))), Cause.BACKENDS_DOWN);
        // The echo reply and the RST come from the same distance and stack: the destination's own RST.
        rests(f, Confidence.HIGH, 2, "answered by 203.0.113.130 with RST", "the RST is 203.0.113.130's own");
    }

    @Test
    void aResetFromCloserThanTheDestinationsEchoReplyIsNotHighConfidence() {
        // The echo reply comes back with TTL 63 (1 hop), the RST with TTL 64: something in front of it sent the RST.
        HopAnswer echo = new HopAnswer(Evidence.ip(DST), Duration.ofMillis(1), "echo reply", true, -1, -1, 63);
        HopAnswer rst = new HopAnswer(Evidence.ip(DST), Duration.ofMillis(1), "RST", true, -1, -1, 64);
        Finding f = fires(new TraceReaches(), trace(hop(1, R1, R1), hop(2, echo, rst)), Cause.BACKENDS_DOWN);
        rests(f, Confidence.MEDIUM, 1, "answered by 203.0.113.130 with RST (TTL 64, directly connected)");
        cites(f, "may have sent it in 203.0.113.130's name");
    }
}
