package io.netcheck.verdict.ping;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Finding;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.check.CaptureRun;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.PingRequest;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.probe.raw.EchoReply;
import io.netcheck.probe.raw.PingResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ping rules. */
public class PingRulesTest {
    public static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    public static final String DST = "203.0.113.130";

    public static EchoReply reply(int seq) {
        return new EchoReply(seq, NOW, Duration.ofMillis(seq), 62, null, -1, -1);
    }

    public static EchoReply lost(int seq) {
        return new EchoReply(seq, NOW, null, null, null, -1, -1);
    }

    public static EchoReply error(int seq, int type, int code, String from) {
        return new EchoReply(seq, NOW, null, null, Evidence.ip(from), type, code);
    }

    public static PingEvidence ping(String problem, EchoReply... replies) {
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
        // Each answered echo is one observation.
        rests(ok, Confidence.HIGH, 3, "echo 1: reply from 203.0.113.130 (TTL 62, 2 hops away) in 1.0 ms");
        rests(fires(new PingAnswers(), ping(null, reply(1)), Cause.HEALTHY), Confidence.MEDIUM, 1, "echo 1");
        Finding loss = fires(new PingLoss(), ping(null, reply(1), lost(2), reply(3), lost(4)), Cause.ROUTING);
        cites(loss, "50% packet loss to 203.0.113.130");
        silent(new PingLoss(), ping(null, reply(1)));
    }

    @Test
    void pingWithoutPrivilegeSaysSoInsteadOfPretending() {
        Finding f = fires(new PingNotSent(), ping("no permission to send raw packets (socket: Operation not permitted): "
                + "run as root or grant CAP_NET_RAW"), Cause.LOCAL);
        cites(f, "netcheck may not send ICMP here", "does not fall back to a TCP \"ping\"");
        rests(f, Confidence.MEDIUM, 1, "no permission to send raw packets");
    }

    @Test
    void aNameThatDoesNotResolveIsOneResolverPath() {
        Resolution nx = new Resolution("nosuch.lab.test", ResolutionStatus.NXDOMAIN, List.of(),
                List.of(), List.of("198.51.100.1#53"), Duration.ofMillis(2), "the name does not exist (NXDOMAIN)");
        PingEvidence p = new PingEvidence(new PingRequest("nosuch.lab.test", 5, Duration.ofSeconds(3), null), NOW,
                Duration.ZERO, nx, null, null, nx.error(), List.of(), CaptureRun.notApplicable("x"));
        rests(fires(new PingNotSent(), p, Cause.DNS), Confidence.MEDIUM, 1,
                "nosuch.lab.test: NXDOMAIN from 198.51.100.1#53");
    }

    @Test
    void icmpErrorsNameTheirSender() {
        assertEquals(Cause.ROUTING, fires(new PingIcmpError(), ping(null, error(1, 3, 0, "198.51.100.1")), Cause.ROUTING)
                .cause());
        Finding host = fires(new PingIcmpError(), ping(null, error(1, 3, 1, "198.51.100.10")), Cause.HOST_UNREACHABLE);
        cites(host, "router 198.51.100.10 reached the subnet");
        Finding one = fires(new PingIcmpError(), ping(null, error(1, 3, 13, "198.51.100.1")), Cause.FIREWALL_REJECT);
        rests(one, Confidence.MEDIUM, 1, "echo 1: ICMP administratively prohibited (type 3 code 13) from 198.51.100.1");
        // Two echoes met by the same error from the same sender.
        rests(fires(new PingIcmpError(), ping(null, error(1, 3, 0, "198.51.100.1"), error(2, 3, 0, "198.51.100.1")),
                Cause.ROUTING), Confidence.HIGH, 2, "echo 2: ICMP network unreachable");
    }

    @Test
    void allLostWithoutAnErrorIsALowConfidenceDrop() {
        Finding f = fires(new PingNoReply(), ping(null, lost(1), lost(2)), Cause.FIREWALL_DROP);
        assertEquals(Confidence.LOW, f.calibrated());
        assertEquals(Confidence.LOW, f.confidence());
        cites(f, "firewall that filters ICMP");
    }
}
