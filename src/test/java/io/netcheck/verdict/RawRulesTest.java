package io.netcheck.verdict;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.CaptureRun;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.PingRequest;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.TraceRequest;
import io.netcheck.checklist.HostPort;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.raw.EchoReply;
import io.netcheck.probe.raw.HopAnswer;
import io.netcheck.probe.raw.PingResult;
import io.netcheck.probe.raw.TraceHop;
import io.netcheck.probe.raw.TraceResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ping and trace rules. */
class RawRulesTest {
    static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    static final String DST = "203.0.113.130";

    static EchoReply reply(int seq) {
        return new EchoReply(seq, NOW, Duration.ofMillis(seq), 62, null, -1, -1);
    }

    static EchoReply lost(int seq) {
        return new EchoReply(seq, NOW, null, null, null, -1, -1);
    }

    static EchoReply error(int seq, int type, int code, String from) {
        return new EchoReply(seq, NOW, null, null, Evidence.ip(from), type, code);
    }

    static PingEvidence ping(String problem, EchoReply... replies) {
        PingResult r = problem != null && replies.length == 0 ? null : new PingResult("eth0", Evidence.ip("198.51.100.1"),
                "9a:59:4c:80:23:a8", false, 7, List.of(replies), null, List.of());
        return new PingEvidence(new PingRequest(DST, replies.length, Duration.ofSeconds(3), null), NOW,
                Duration.ofSeconds(1), Resolution.literal(DST, Evidence.ip(DST)), Evidence.ip(DST), r, problem, List.of(),
                CaptureRun.notApplicable("x"));
    }

    @Test
    void pingAnswersAndLoss() {
        Finding ok = fires(new PingAnswers(), ping(null, reply(1), reply(2), reply(3)), Cause.HEALTHY);
        cites(ok, "3 sent, 3 received, 0% loss", "rtt min/avg/max 1.0 ms / 2.0 ms / 3.0 ms", "reply TTL 62");
        Finding loss = fires(new PingLoss(), ping(null, reply(1), lost(2), reply(3), lost(4)), Cause.ROUTING);
        cites(loss, "50% packet loss to 203.0.113.130");
        silent(new PingLoss(), ping(null, reply(1)));
    }

    @Test
    void pingWithoutPrivilegeSaysSoInsteadOfPretending() {
        Finding f = fires(new PingNotSent(), ping("no permission to send raw packets (socket: Operation not permitted): "
                + "run as root or grant CAP_NET_RAW"), Cause.LOCAL);
        cites(f, "netcheck may not send ICMP here", "does not fall back to a TCP \"ping\"");
    }

    @Test
    void icmpErrorsNameTheirSender() {
        assertEquals(Cause.ROUTING, fires(new PingIcmpError(), ping(null, error(1, 3, 0, "198.51.100.1")), Cause.ROUTING)
                .cause());
        Finding host = fires(new PingIcmpError(), ping(null, error(1, 3, 1, "198.51.100.10")), Cause.HOST_UNREACHABLE);
        cites(host, "router 198.51.100.10 reached the subnet");
        fires(new PingIcmpError(), ping(null, error(1, 3, 13, "198.51.100.1")), Cause.FIREWALL_REJECT);
    }

    @Test
    void allLostWithoutAnErrorIsALowConfidenceDrop() {
        Finding f = fires(new PingNoReply(), ping(null, lost(1), lost(2)), Cause.FIREWALL_DROP);
        assertEquals(Confidence.LOW, f.confidence());
        cites(f, "firewall that filters ICMP");
    }

    static HopAnswer at(String from, String what, boolean dst, int type, int code) {
        return new HopAnswer(Evidence.ip(from), Duration.ofMillis(1), what, dst, type, code, 64);
    }

    static final HopAnswer R1 = at("198.51.100.1", "time exceeded", false, 11, 0);
    static final HopAnswer R2 = at("198.51.100.10", "time exceeded", false, 11, 0);

    static TraceEvidence trace(TraceHop... hops) {
        TraceResult r = new TraceResult("eth0", Evidence.ip("198.51.100.1"), 80, List.of(hops), null, List.of());
        return new TraceEvidence(new TraceRequest(new HostPort(DST, 80), true, 30, Duration.ofSeconds(1), null), NOW,
                Duration.ofSeconds(1), Resolution.literal(DST, Evidence.ip(DST)), Evidence.ip(DST), r, null, List.of(),
                CaptureRun.notApplicable("x"));
    }

    static TraceHop hop(int ttl, HopAnswer icmp, HopAnswer tcp) {
        return new TraceHop(ttl, true, icmp, true, tcp);
    }

    @Test
    void traceReachingTheServiceListsTheRouters() {
        TraceEvidence e = trace(hop(1, R1, R1), hop(2, R2, R2), hop(3, at(DST, "echo reply", true, -1, -1),
                at(DST, "SYN-ACK", true, -1, -1)));
        Finding f = fires(new TraceReaches(), e, Cause.HEALTHY);
        cites(f, "203.0.113.130:80 is reached in 3 hops", "[198.51.100.1, 198.51.100.10]");
        assertEquals(List.of(Evidence.ip("198.51.100.1"), Evidence.ip("198.51.100.10")), e.routers());
    }

    @Test
    void aFirewallBlockingOnlyTheServiceShowsUp() {
        TraceEvidence e = trace(hop(1, R1, R1), hop(2, R2, null), hop(3, at(DST, "echo reply", true, -1, -1), null),
                new TraceHop(4, false, null, true, null));
        Finding f = fires(new TraceServiceBlocked(), e, Cause.FIREWALL_DROP);
        cites(f, "TCP to port 80 is dropped after hop 1 (198.51.100.1); ICMP reaches 203.0.113.130");
        assertEquals("trace-service-blocked", Rules.decidingRule(ProbeRules.TRACE, e));
        TraceEvidence rejected = trace(hop(1, R1, R1), hop(2, R2, at("198.51.100.10", "administratively prohibited",
                false, 3, 13)), hop(3, at(DST, "echo reply", true, -1, -1), null));
        fires(new TraceServiceBlocked(), rejected, Cause.FIREWALL_REJECT);
    }

    @Test
    void whereThePathEnds() {
        TraceEvidence unreachable = trace(hop(1, at("198.51.100.1", "network unreachable", false, 3, 0),
                at("198.51.100.1", "network unreachable", false, 3, 0)));
        fires(new TracePathEnds(), unreachable, Cause.ROUTING);
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
        fires(new TraceReaches(), trace(hop(1, R1, R1), hop(2, at(DST, "echo reply", true, -1, -1),
                at(DST, "RST", true, -1, -1))), Cause.BACKENDS_DOWN);
    }
}
