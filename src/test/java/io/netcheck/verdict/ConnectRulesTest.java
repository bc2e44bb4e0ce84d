package io.netcheck.verdict;

import static io.netcheck.verdict.Attempts.connected;
import static io.netcheck.verdict.Attempts.dnsFailed;
import static io.netcheck.verdict.Attempts.icmp;
import static io.netcheck.verdict.Attempts.local;
import static io.netcheck.verdict.Attempts.refused;
import static io.netcheck.verdict.Attempts.timeout;
import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.ConnectAttempt;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connect rules shared by tcp, tls and http. */
class ConnectRulesTest {
    static final String HOST = "203.0.113.130:5432";

    @Test
    void aConnectionThatNeverLeftIsLocal() {
        Finding f = fires(new ConnectLocalFault(), local(HOST), Cause.LOCAL);
        cites(f, "never left netcheck's host");
        assertEquals("check netcheck's host: ip route get 203.0.113.130", f.nextSteps().get(0));
        silent(new ConnectLocalFault(), refused(HOST, 62));
    }

    @Test
    void anUnknownNameIsDns() {
        Finding f = fires(new ConnectNameFails(), dnsFailed("db.lab.test", 5432), Cause.DNS);
        cites(f, "db.lab.test does not resolve", "NXDOMAIN", "198.51.100.1#53");
        silent(new ConnectNameFails(), timeout(HOST));
    }

    @Test
    void icmpPortUnreachableFromARouterIsAFirewallReject() {
        Finding f = fires(new ConnectFirewallRejects(), icmp(HOST, IcmpKind.PORT_UNREACHABLE, 3, 3, "198.51.100.1"),
                Cause.FIREWALL_REJECT);
        cites(f, "a firewall at 198.51.100.1", "filtering device in the path");
        Finding admin = fires(new ConnectFirewallRejects(),
                icmp(HOST, IcmpKind.ADMIN_PROHIBITED, 3, 13, "203.0.113.130"), Cause.FIREWALL_REJECT);
        cites(admin, "203.0.113.130 itself", "host firewall on the target");
        silent(new ConnectFirewallRejects(), icmp(HOST, IcmpKind.HOST_UNREACHABLE, 3, 1, "198.51.100.10"));
    }

    @Test
    void netUnreachableIsRouting() {
        Finding f = fires(new ConnectNoRoute(), icmp("198.51.100.200:80", IcmpKind.NET_UNREACHABLE, 3, 0,
                "198.51.100.1"), Cause.ROUTING);
        cites(f, "no route to 198.51.100.200 at router 198.51.100.1");
        assertEquals("netcheck trace 198.51.100.200 to see where the path ends", f.nextSteps().get(0));
        silent(new ConnectNoRoute(), timeout(HOST));
    }

    @Test
    void hostUnreachableIsAnAbsentHost() {
        Finding f = fires(new ConnectHostAbsent(), icmp(HOST, IcmpKind.HOST_UNREACHABLE, 3, 1, "198.51.100.10"),
                Cause.HOST_UNREACHABLE);
        cites(f, "nothing holds the address 203.0.113.130", "ARP");
        silent(new ConnectHostAbsent(), refused(HOST, 62));
    }

    @Test
    void synsIntoSilenceAreADrop() {
        Finding f = fires(new ConnectSilentDrop(), timeout(HOST), Cause.FIREWALL_DROP);
        cites(f, "4 SYNs sent, nothing came back", "no SYN-ACK, no RST, no ICMP error");
        assertEquals(Confidence.MEDIUM, f.confidence());
        silent(new ConnectSilentDrop(), connected(HOST, 62));
    }

    @Test
    void aResetMeansNothingListensAndTheServerTeamOwnsIt() {
        Finding f = fires(new NothingListens(), refused(HOST, 62), Cause.BACKENDS_DOWN);
        cites(f, "nothing listens on 203.0.113.130:5432", "RST from 203.0.113.130 (TTL 62, 2 hops away)");
        assertEquals(Confidence.HIGH, f.confidence());
        assertEquals(Confidence.MEDIUM, fires(new NothingListens(), refused(HOST, null), Cause.BACKENDS_DOWN)
                .confidence(), "no RST seen: the socket said refused, the packets were not captured");
        silent(new NothingListens(), icmp(HOST, IcmpKind.PORT_UNREACHABLE, 3, 3, "198.51.100.1"));
    }

    @Test
    void theTcpTableDecidesEachSituationWithOneRule() {
        List<Rule<io.netcheck.check.TcpEvidence>> table = ProbeRules.TCP;
        assertEquals(8, table.size());
        List<Rule<ConnectAttempt>> connect = ProbeRules.CONNECT;
        assertEquals("nothing-listens", Rules.decidingRule(connect, refused(HOST, 62)));
        assertEquals("firewall-rejects", Rules.decidingRule(connect,
                icmp(HOST, IcmpKind.PORT_UNREACHABLE, 3, 3, "198.51.100.1")));
        assertEquals("silent-drop", Rules.decidingRule(connect, timeout(HOST)));
        assertEquals("none", Rules.decidingRule(connect, connected(HOST, 62)));
        assertEquals("tcp-connects", Rules.decidingRule(List.of(new TcpConnects()), connected(HOST, 62)));
    }
}
