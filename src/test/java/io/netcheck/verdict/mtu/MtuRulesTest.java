package io.netcheck.verdict.mtu;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Rules;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.CaptureRun;
import io.netcheck.check.MtuEvidence;
import io.netcheck.check.MtuRequest;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.probe.raw.MtuAttempt;
import io.netcheck.probe.raw.MtuResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mtu command's rules. */
public class MtuRulesTest {
    static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    static final String DST = "203.0.113.10";

    public static MtuEvidence mtu(MtuResult r, String problem) {
        return new MtuEvidence(new MtuRequest(DST, Duration.ofSeconds(3), null), NOW, Duration.ofSeconds(1),
                Resolution.literal(DST, Evidence.ip(DST)), Evidence.ip(DST), r, problem, List.of(),
                CaptureRun.notApplicable("x"));
    }

    public static MtuAttempt ok(int size) {
        return MtuAttempt.answered(size, Duration.ofMillis(1), Evidence.ip(DST));
    }

    @Test
    void aBlackHoleIsTheNetworksAndNamesBothSizes() {
        MtuEvidence e = mtu(Evidence.blackHole1280(DST), null);
        assertEquals("mtu-black-hole", Rules.decidingRule(MtuRules.MTU, e));
        Finding f = fires(new MtuBlackHole(), e, Cause.ROUTING);
        cites(f, "path MTU black hole towards 203.0.113.10", "1280-byte packets pass",
                "1281-byte packets are lost without any ICMP fragmentation needed", "answered: 1280, 576",
                "lost: 1500, 1300, 1281");
    }

    @Test
    void fullSizePacketsPassing() {
        MtuEvidence e = mtu(Evidence.mtu(DST, ok(1500), ok(576)), null);
        assertEquals("mtu-full-size", Rules.decidingRule(MtuRules.MTU, e));
        Finding f = fires(new MtuFullSize(), e, Cause.HEALTHY);
        cites(f, "path MTU towards 203.0.113.10 is 1500 bytes, the interface MTU of eth0");
    }

    @Test
    void aSmallerLinkAnnouncedProperlyIsHealthyWithANote() {
        MtuEvidence e = mtu(Evidence.mtu(DST, MtuAttempt.fragNeeded(1500, 1400, Evidence.ip(Evidence.ROUTER)), ok(576),
                ok(1400)), null);
        assertEquals("mtu-frag-needed", Rules.decidingRule(MtuRules.MTU, e));
        Finding f = fires(new MtuFragNeeded(), e, Cause.HEALTHY);
        cites(f, "is 1400 bytes", "198.51.100.1 answers larger packets with ICMP fragmentation needed",
                "next-hop MTU 1400", "Note:");
        silent(new MtuBlackHole(), e);
    }

    @Test
    void notEvenTheFloorAnsweringIsNotASizeProblem() {
        MtuEvidence silentPath = mtu(Evidence.mtu(DST, MtuAttempt.lost(1500), MtuAttempt.lost(576)), null);
        Finding f = fires(new MtuNoReply(), silentPath, Cause.FIREWALL_DROP);
        assertEquals(Confidence.LOW, f.confidence());
        cites(f, "not even at 576 bytes", "not a size problem");
        silent(new MtuBlackHole(), silentPath);
        MtuEvidence rejected = mtu(Evidence.mtu(DST, MtuAttempt.icmpError(1500, Evidence.ip(Evidence.ROUTER), 3, 13),
                MtuAttempt.icmpError(576, Evidence.ip(Evidence.ROUTER), 3, 13)), null);
        fires(new MtuNoReply(), rejected, Cause.FIREWALL_REJECT);
    }

    @Test
    void nothingSentIsSaidPlainlyIpv6Included() {
        Finding v6 = fires(new MtuNotSent(), mtu(MtuResult.notSent("eth0", Evidence.ip("2001:db8:100::10"),
                "IPv6 path MTU not measured: netcheck measures the path MTU of IPv4 paths only"),
                "IPv6 path MTU not measured: netcheck measures the path MTU of IPv4 paths only"), Cause.LOCAL);
        cites(v6, "IPv6 path MTU not measured");
        Finding priv = fires(new MtuNotSent(), mtu(null, "no permission to send raw packets: run as root or grant "
                + "CAP_NET_RAW"), Cause.LOCAL);
        cites(priv, "netcheck may not send ICMP here");
        MtuEvidence nx = new MtuEvidence(new MtuRequest("nosuch.lab.test", Duration.ofSeconds(3), null), NOW,
                Duration.ofSeconds(1), new Resolution("nosuch.lab.test", ResolutionStatus.NXDOMAIN, List.of(), List.of(),
                List.of("198.51.100.1#53"), Duration.ofMillis(2), "the name does not exist (NXDOMAIN)"), null, null,
                "the name does not exist (NXDOMAIN)", List.of(), CaptureRun.notApplicable("x"));
        fires(new MtuNotSent(), nx, Cause.DNS);
    }

    @Test
    void aSearchCutShortByTheBudgetIsNoVerdictOfHealth() {
        MtuResult partial = MtuResult.of("eth0", Evidence.ip(DST), Evidence.ip(Evidence.ROUTER), 1500, 576,
                List.of(MtuAttempt.fragNeeded(1500, null, Evidence.ip(Evidence.ROUTER)), ok(576)),
                "the time budget (100 ms) ran out after 2 sizes", List.of());
        assertEquals("none", Rules.decidingRule(MtuRules.MTU, mtu(partial, partial.problem())));
        assertTrue(MtuWords.summary(partial).contains("at least 576 bytes"), MtuWords.summary(partial));
    }
}
