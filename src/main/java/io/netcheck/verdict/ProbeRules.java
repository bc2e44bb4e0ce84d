package io.netcheck.verdict;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpEvidence;
import java.util.List;
import java.util.stream.Stream;

/**
 * The verdict tables of the single-probe commands. A failed connect is judged the same way whichever
 * command made it ({@link #CONNECT}); each command then adds its own rules.
 *
 * <pre>
 * rule                    evidence                                             cause
 * connect-local-fault     attempt never left this host                         LOCAL
 * name-does-not-resolve   NXDOMAIN / NODATA / SERVFAIL / DNS timeout           DNS
 * firewall-rejects        ICMP admin-prohibited or port unreachable            FIREWALL_REJECT
 * no-route                ICMP net unreachable / TTL exceeded                  ROUTING
 * host-absent             ICMP host unreachable (no ARP answer)                HOST_UNREACHABLE
 * silent-drop             SYNs retransmitted, nothing back                     FIREWALL_DROP
 * nothing-listens         RST from the target                                  BACKENDS_DOWN
 * tcp-connects            handshake completed (tcp only)                       HEALTHY
 * </pre>
 */
public final class ProbeRules {
    private ProbeRules() {
    }

    static final List<Rule<ConnectAttempt>> CONNECT = List.of(
            new ConnectLocalFault(),
            new ConnectNameFails(),
            new ConnectFirewallRejects(),
            new ConnectNoRoute(),
            new ConnectHostAbsent(),
            new ConnectSilentDrop(),
            new NothingListens());

    public static final List<Rule<TcpEvidence>> TCP = Stream.concat(
            CONNECT.stream().map(r -> r.on(TcpEvidence::attempt)),
            Stream.of(new TcpConnects().<TcpEvidence>on(TcpEvidence::attempt))).toList();
}
