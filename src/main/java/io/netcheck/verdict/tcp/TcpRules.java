package io.netcheck.verdict.tcp;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpEvidence;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Rule;
import java.util.List;
import java.util.stream.Stream;

/**
 * The connect rules: a failed connect is judged the same way whichever command made it ({@link #CONNECT}: tcp,
 * tls, http, banner); tcp adds only the healthy line.
 *
 * <p>Each finding lists the independent signals it rests on; HIGH needs two ({@link io.netcheck.verdict.Finding#calibrated()}).
 * For a connect the second one usually comes from the target host's own packets (an ICMP echo and a SYN to a
 * second port, measured in the same capture window), the same reference the VIP checklist uses to tell who
 * answered.
 *
 * <pre>
 * rule                    evidence                                             cause
 * probe-overran           the probe outlived its deadline (netcheck too slow)  INCONCLUSIVE
 * connect-local-fault     attempt never left this host                         LOCAL
 * name-does-not-resolve   NXDOMAIN / NODATA / SERVFAIL / DNS timeout           DNS
 * firewall-rejects        ICMP admin-prohibited or port unreachable            FIREWALL_REJECT
 * no-route                ICMP net unreachable / TTL exceeded                  ROUTING
 * host-absent             ICMP host unreachable (no ARP answer)                HOST_UNREACHABLE
 * silent-drop             SYNs retransmitted, nothing back                     FIREWALL_DROP
 * forged-reset            RST from closer than the target host's own packets   FIREWALL_REJECT
 * nothing-listens         RST from the target host itself (or not measured)    BACKENDS_DOWN
 * tcp-connects            handshake completed (tcp only)                       HEALTHY
 * </pre>
 */
public final class TcpRules {
    private TcpRules() {
    }

    public static final List<Rule<ConnectAttempt>> CONNECT = List.of(
            new ConnectOverran().on(Connection::of),
            new ConnectLocalFault(),
            new ConnectNameFails().on(Connection::of),
            new ConnectFirewallRejects().on(Connection::of),
            new ConnectNoRoute().on(Connection::of),
            new ConnectHostAbsent().on(Connection::of),
            new ConnectSilentDrop().on(Connection::of),
            new ConnectForgedReset(),
            new NothingListens());

    public static final List<Rule<TcpEvidence>> TCP = Stream.concat(
            CONNECT.stream().map(r -> r.on(TcpEvidence::attempt)),
            Stream.of(new TcpConnects().<TcpEvidence>on(TcpEvidence::attempt))).toList();
}
