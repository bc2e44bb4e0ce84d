package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Attempts;
import io.netcheck.verdict.Rules;

import static io.netcheck.verdict.Attempts.connected;
import static io.netcheck.verdict.Attempts.dnsFailed;
import static io.netcheck.verdict.Attempts.icmp;
import static io.netcheck.verdict.Attempts.local;
import static io.netcheck.verdict.Attempts.measured;
import static io.netcheck.verdict.Attempts.refused;
import static io.netcheck.verdict.Attempts.timeout;
import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.HostAnswer;
import io.netcheck.check.VipHostEvidence;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connect rules shared by tcp, tls and http, and the independent signals each rests on: HIGH needs two (the
 * target host's own echo and second port are what usually gives the second).
 */
class ConnectRulesTest {
    static final String HOST = "203.0.113.130:5432";

    /** A connect rule on a single command's attempt, as {@link TcpRules#CONNECT} applies it. */
    private static Rule<ConnectAttempt> onAttempt(Rule<Connection> rule) {
        return rule.on(Connection::of);
    }

    @Test
    void aConnectionThatNeverLeftIsLocal() {
        Finding f = fires(new ConnectLocalFault(), local(HOST), Cause.LOCAL);
        cites(f, "never left netcheck's host");
        assertEquals("check netcheck's host: ip route get 203.0.113.130", f.nextSteps().get(0));
        rests(f, Confidence.MEDIUM, 1, "this host has no route to 203.0.113.130");
        Finding captured = fires(new ConnectLocalFault(), Attempts.localUnderCapture(HOST), Cause.LOCAL);
        rests(captured, Confidence.HIGH, 2, "Operation not permitted", "the capture holds no packet of this attempt");
        silent(new ConnectLocalFault(), refused(HOST, 62));
    }

    @Test
    void anUnknownNameIsDns() {
        Finding f = fires(onAttempt(new ConnectNameFails()), dnsFailed("db.lab.test", 5432), Cause.DNS);
        cites(f, "db.lab.test does not resolve", "NXDOMAIN", "198.51.100.1#53");
        assertEquals(Confidence.MEDIUM, f.confidence(), "one resolver path is one signal");
        rests(f, Confidence.MEDIUM, 1, "db.lab.test: NXDOMAIN from 198.51.100.1#53");
        silent(onAttempt(new ConnectNameFails()), timeout(HOST));
    }

    @Test
    void icmpPortUnreachableFromARouterIsAFirewallReject() {
        Finding f = fires(onAttempt(new ConnectFirewallRejects()), icmp(HOST, IcmpKind.PORT_UNREACHABLE, 3, 3, "198.51.100.1"),
                Cause.FIREWALL_REJECT);
        cites(f, "a firewall at 198.51.100.1", "filtering device in the path");
        rests(f, Confidence.MEDIUM, 1, "ICMP port unreachable (type 3 code 3) from 198.51.100.1",
                "the sender is not the target");
        Finding admin = fires(onAttempt(new ConnectFirewallRejects()),
                icmp(HOST, IcmpKind.ADMIN_PROHIBITED, 3, 13, "203.0.113.130"), Cause.FIREWALL_REJECT);
        cites(admin, "203.0.113.130 itself", "host firewall on the target");
        rests(admin, Confidence.HIGH, 2, "only sent by filtering rules");
        silent(onAttempt(new ConnectFirewallRejects()), icmp(HOST, IcmpKind.HOST_UNREACHABLE, 3, 1, "198.51.100.10"));
    }

    @Test
    void aRejectFromCloserThanTheTargetHostIsHighWithTheHostsOwnAnswers() {
        // The router (directly connected) rejects; the target host answers its echo and port 9 from 2 hops.
        ConnectAttempt a = measured(icmp(HOST, IcmpKind.PORT_UNREACHABLE, 3, 3, "198.51.100.1"), 62, 62);
        Finding f = fires(onAttempt(new ConnectFirewallRejects()), a, Cause.FIREWALL_REJECT);
        rests(f, Confidence.HIGH, 3, "ICMP port unreachable",
                "198.51.100.1 (directly connected) is closer than the target host (echo reply, 2 hops away)",
                "the target host itself answers: ICMP echo: echo reply from 203.0.113.130");
    }

    @Test
    void netUnreachableIsRouting() {
        Finding f = fires(onAttempt(new ConnectNoRoute()), icmp("198.51.100.200:80", IcmpKind.NET_UNREACHABLE, 3, 0,
                "198.51.100.1"), Cause.ROUTING);
        cites(f, "no route to 198.51.100.200 at router 198.51.100.1");
        assertEquals("netcheck trace 198.51.100.200 to see where the path ends", f.nextSteps().get(0));
        rests(f, Confidence.MEDIUM, 1, "ICMP network unreachable (type 3 code 0) from 198.51.100.1");
        // The target host's own echo met the same error from the same router: a second, independent probe.
        VipHostEvidence same = new VipHostEvidence(new HostAnswer("ICMP echo", HostAnswer.Kind.ICMP_ERROR,
                Evidence.ip("198.51.100.1"), 64, 7, "ICMP network unreachable"),
                HostAnswer.notSent("TCP port 9", "target policy: port 9 is denied (test)"), List.of());
        Finding both = fires(onAttempt(new ConnectNoRoute()), icmp("198.51.100.200:80", IcmpKind.NET_UNREACHABLE, 3, 0,
                "198.51.100.1").measured(same), Cause.ROUTING);
        rests(both, Confidence.HIGH, 2, "the target host's own probe met the same: ICMP echo: ICMP network "
                + "unreachable from 198.51.100.1");
        silent(onAttempt(new ConnectNoRoute()), timeout(HOST));
    }

    @Test
    void hostUnreachableIsAnAbsentHost() {
        Finding f = fires(onAttempt(new ConnectHostAbsent()), icmp(HOST, IcmpKind.HOST_UNREACHABLE, 3, 1, "198.51.100.10"),
                Cause.HOST_UNREACHABLE);
        cites(f, "nothing holds the address 203.0.113.130", "ARP");
        rests(f, Confidence.MEDIUM, 1, "ICMP host unreachable (type 3 code 1) from 198.51.100.10");
        Finding both = fires(onAttempt(new ConnectHostAbsent()), icmp(HOST, IcmpKind.HOST_UNREACHABLE, 3, 1, "198.51.100.10")
                .measured(Evidence.noHost("198.51.100.10", 64)), Cause.HOST_UNREACHABLE);
        rests(both, Confidence.HIGH, 2, "the target host's own probe met the same");
        silent(onAttempt(new ConnectHostAbsent()), refused(HOST, 62));
    }

    @Test
    void synsIntoSilenceAreADrop() {
        Finding f = fires(onAttempt(new ConnectSilentDrop()), timeout(HOST), Cause.FIREWALL_DROP);
        cites(f, "4 SYNs sent, nothing came back", "no SYN-ACK, no RST, no ICMP error");
        assertEquals(Confidence.MEDIUM, f.confidence());
        rests(f, Confidence.MEDIUM, 1, "4 SYNs to 203.0.113.130:5432 on the wire");
        Finding hostUp = fires(onAttempt(new ConnectSilentDrop()), measured(timeout(HOST), 62, 62), Cause.FIREWALL_DROP);
        cites(hostUp, "The target host itself answers from here", "only the target port is filtered");
        rests(hostUp, Confidence.MEDIUM, 2, "the target host itself answers");
        silent(onAttempt(new ConnectSilentDrop()), connected(HOST, 62));
    }

    @Test
    void aConnectionRestsOnTheSocketAndTheHandshakeOnTheWire() {
        Finding f = fires(new TcpConnects(), connected(HOST, 62), Cause.HEALTHY);
        rests(f, Confidence.HIGH, 2, "the socket connected in", "the handshake on the wire: SYN-ACK from "
                + "203.0.113.130 (TTL 62, 2 hops away)");
        ConnectAttempt noCapture = Attempts.attempt(HOST, io.netcheck.probe.ConnectOutcome.CONNECTED, null,
                io.netcheck.capture.WireFacts.NONE);
        rests(fires(new TcpConnects(), noCapture, Cause.HEALTHY), Confidence.MEDIUM, 1, "the socket connected");
    }

    @Test
    void theTcpTableDecidesEachSituationWithOneRule() {
        List<Rule<io.netcheck.check.TcpEvidence>> table = TcpRules.TCP;
        assertEquals(10, table.size());
        List<Rule<ConnectAttempt>> connect = TcpRules.CONNECT;
        assertEquals("nothing-listens", Rules.decidingRule(connect, refused(HOST, 62)));
        assertEquals("forged-reset", Rules.decidingRule(connect, measured(refused(HOST, 64), 62, 62)));
        assertEquals("firewall-rejects", Rules.decidingRule(connect,
                icmp(HOST, IcmpKind.PORT_UNREACHABLE, 3, 3, "198.51.100.1")));
        assertEquals("silent-drop", Rules.decidingRule(connect, timeout(HOST)));
        assertEquals("none", Rules.decidingRule(connect, connected(HOST, 62)));
        assertEquals("tcp-connects", Rules.decidingRule(List.of(new TcpConnects()), connected(HOST, 62)));
    }
}
