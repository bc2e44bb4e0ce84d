package io.netcheck.verdict.vip;

import static io.netcheck.verdict.Evidence.healthy;
import static io.netcheck.verdict.Evidence.icmp;
import static io.netcheck.verdict.Evidence.lbPage;
import static io.netcheck.verdict.Evidence.of;
import static io.netcheck.verdict.Evidence.timeout;
import static io.netcheck.verdict.RuleTestSupport.cites;
import static io.netcheck.verdict.RuleTestSupport.fires;
import static io.netcheck.verdict.RuleTestSupport.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ClockOffset;
import io.netcheck.check.LbSideEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.tcp.ConnectSilentDrop;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules that read both sides of step 1 and the agent's step 3 ({@code vip --from}). */
class TwoSidedVipRulesTest {
    private static final String VIP = "203.0.113.10:80";
    private static final CaptureSummary AGENT_CAPTURE = new CaptureSummary(true, null, List.of("lb-a:eth0"), "tcp",
            128, 9, 0, "/tmp/netcheck-lb-a.pcap");

    private static LbSideEvidence side(int syns, int synAcks, int resets, int own) {
        return new LbSideEvidence("lb-a", new ClockOffset(800, 200), AGENT_CAPTURE, syns > 0 ? "source port" : "none",
                syns, synAcks, resets, 0, own, List.of());
    }

    private static VipEvidence withSide(VipEvidence e, LbSideEvidence side) {
        return new VipEvidence(e.request(), e.startedAt(), e.elapsed(), e.vip(), e.backends(), e.layer(), e.capture(),
                e.host(), e.attribution(), e.pathMtu(), side);
    }

    private static Finding decide(VipEvidence e) {
        return VipRules.TABLE.stream().map(r -> r.evaluate(e)).filter(Optional::isPresent)
                .map(Optional::get).findFirst().orElseThrow();
    }

    @Test
    void answersThatNeverComeBackAreTheReturnPath() {
        VipEvidence e = withSide(of(timeout(VIP), healthy("198.51.100.21:80", 63)), side(4, 4, 0, 6));
        Finding f = fires(new ReturnPathLost(), e, Cause.ROUTING);
        cites(f, "return path", "netcheck sent 4 SYNs", "lb-a saw 4 SYNs arrive and answered SYN-ACK 4 times",
                "none came back");
        assertEquals(Confidence.HIGH, f.calibrated());
        assertEquals(Cause.ROUTING, decide(e).cause());
    }

    @Test
    void nothingArrivingAtAProvenCaptureIsADropBeforeTheLb() {
        VipEvidence e = withSide(of(timeout(VIP)), side(0, 0, 0, 6));
        Finding f = fires(new DroppedBeforeLb(), e, Cause.FIREWALL_DROP);
        cites(f, "lb-a saw nothing arrive", "6 packets of the agent's own probes");
        assertEquals(Confidence.HIGH, f.calibrated());
        silent(new ReturnPathLost(), e);
        silent(new LbHostDrops(), e);
    }

    @Test
    void anEmptyCaptureThatCannotProveItselfIsNeverHigh() {
        Finding f = fires(new DroppedBeforeLb(), withSide(of(timeout(VIP)), side(0, 0, 0, 0)), Cause.FIREWALL_DROP);
        assertEquals(Confidence.MEDIUM, f.calibrated());
        cites(f, "wrong place");
    }

    @Test
    void synsThatArriveAndAreNotAnsweredAreTheLbHostsOwn() {
        VipEvidence e = withSide(of(timeout(VIP), healthy("198.51.100.21:80", 63)), side(4, 0, 0, 6));
        Finding f = fires(new LbHostDrops(), e, Cause.LB_MISCONFIGURED);
        assertEquals(Confidence.MEDIUM, f.calibrated());
        assertEquals("lb", f.cause().defaultTeam());
        silent(new ReturnPathLost(), e);
        silent(new DroppedBeforeLb(), e);
    }

    @Test
    void silenceFromEveryServerCannotTellAPathFirewallFromTheServersOwnSoItIsMediumAndNamesBoth() {
        // What a firewall between them and a server's own INPUT DROP both look like from the load balancer.
        VipEvidence e = withSide(of(lbPage(VIP, 63, "nginx", 504, Duration.ofSeconds(1)),
                timeout("198.51.100.21:80"), timeout("198.51.100.22:80")), side(1, 1, 0, 8));
        Finding f = fires(new FirewallBehindLb(), e, Cause.FIREWALL_DROP);
        cites(f, "lb-a's SYNs to 2 real servers went unanswered", "a firewall between them or the servers' own host "
                + "firewall", "not proven");
        assertEquals(Confidence.MEDIUM, f.calibrated());
        assertTrue(f.nextSteps().get(0).contains("tcpdump -ni any tcp port 80")
                && f.nextSteps().get(0).contains("host firewall (server team"), f.nextSteps()::toString);
        assertTrue(f.nextSteps().get(1).contains("(firewall team)"), f.nextSteps()::toString);
        Finding decided = decide(e);
        assertEquals(Cause.FIREWALL_DROP, decided.cause());
        assertEquals(Confidence.MEDIUM, decided.calibrated());
    }

    @Test
    void adminProhibitedFromADeviceThatIsNotTheServerIsAFirewallInThePathAtHigh() {
        VipEvidence e = withSide(of(lbPage(VIP, 63, "nginx", 502, Duration.ofMillis(5)),
                icmp("198.51.100.21:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.1")), side(1, 1, 0, 3));
        Finding f = fires(new FirewallBehindLb(), e, Cause.FIREWALL_REJECT);
        cites(f, "a firewall at 198.51.100.1, between the load balancer and its servers", "not from the servers");
        assertEquals(Confidence.HIGH, f.calibrated());
        assertEquals("firewall", f.cause().defaultTeam());
        assertTrue(f.signals().stream().anyMatch(s -> s.contains("only filtering rules send it")), f.signals()::toString);
        assertTrue(f.signals().stream().anyMatch(s -> s.contains("is not the server")), f.signals()::toString);
    }

    @Test
    void oneDeviceRejectingForEveryServerIsAThirdSignal() {
        VipEvidence e = withSide(of(lbPage(VIP, 63, "nginx", 502, Duration.ofMillis(5)),
                icmp("198.51.100.21:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.9"),
                icmp("198.51.100.22:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.9")), side(1, 1, 0, 4));
        Finding f = fires(new FirewallBehindLb(), e, Cause.FIREWALL_REJECT);
        assertEquals(Confidence.HIGH, f.calibrated());
        assertTrue(f.signals().stream().anyMatch(s -> s.contains("one sender answers for 2 servers")),
                f.signals()::toString);
    }

    @Test
    void adminProhibitedInTheServersOwnNameIsItsHostFirewallMostLikelyAndNeverHigh() {
        VipEvidence e = withSide(of(lbPage(VIP, 63, "nginx", 502, Duration.ofMillis(5)),
                icmp("198.51.100.21:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.21"),
                icmp("198.51.100.22:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.22")), side(1, 1, 0, 4));
        Finding f = fires(new FirewallBehindLb(), e, Cause.FIREWALL_REJECT);
        assertEquals(Confidence.MEDIUM, f.calibrated());
        cites(f, "the rejection comes from the server's own address, most likely its host firewall");
    }

    @Test
    void someServersSilentAndSomeRejectedByADeviceIsStillNotPlacedAndStaysMedium() {
        VipEvidence e = withSide(of(lbPage(VIP, 63, "nginx", 504, Duration.ofSeconds(1)),
                icmp("198.51.100.21:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.9"),
                timeout("198.51.100.22:80")), side(1, 1, 0, 6));
        Finding f = fires(new FirewallBehindLb(), e, Cause.FIREWALL_DROP);
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void aRejectionWithoutTheAgentsCaptureIsNeverHigh() {
        LbSideEvidence blind = new LbSideEvidence("lb-a", new ClockOffset(800, 200), new CaptureSummary(false,
                "no CAP_NET_RAW", List.of(), "", 0, 0, 0, null), "none", 0, 0, 0, 0, 0, List.of());
        VipEvidence e = withSide(of(lbPage(VIP, 63, "nginx", 502, Duration.ofMillis(5)),
                icmp("198.51.100.21:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.1")), blind);
        Finding f = fires(new FirewallBehindLb(), e, Cause.FIREWALL_REJECT);
        assertEquals(Confidence.MEDIUM, f.calibrated());
    }

    @Test
    void aServerThatAnswersTheAgentIsNotAFirewallBehindTheLb() {
        silent(new FirewallBehindLb(), withSide(of(lbPage(VIP, 63, "nginx", 504, Duration.ofSeconds(1)),
                timeout("198.51.100.21:80"), healthy("198.51.100.22:80", 64)), side(1, 1, 0, 8)));
    }

    @Test
    void withoutTheLbSideNoneOfThemSpeaksAndTheOneSidedDropStaysMedium() {
        VipEvidence oneSided = of(timeout(VIP));
        silent(new ReturnPathLost(), oneSided);
        silent(new DroppedBeforeLb(), oneSided);
        silent(new LbHostDrops(), oneSided);
        silent(new FirewallBehindLb(), of(lbPage(VIP, 63, "nginx", 504, Duration.ofSeconds(1)),
                timeout("198.51.100.21:80")));
        assertEquals(Confidence.MEDIUM, new ConnectSilentDrop().on(Connection::vip).evaluate(oneSided).orElseThrow().calibrated());
    }
}
