package io.netcheck.verdict.vip;

import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.tcp.ConnectFirewallRejects;
import io.netcheck.verdict.tcp.ConnectHostAbsent;
import io.netcheck.verdict.tcp.ConnectNameFails;
import io.netcheck.verdict.tcp.ConnectNoRoute;
import io.netcheck.verdict.tcp.ConnectOverran;
import io.netcheck.verdict.tcp.ConnectSilentDrop;
import io.netcheck.verdict.tls.TlsNoHandshake;
import io.netcheck.check.TlsObservation;
import io.netcheck.check.VipEvidence;
import java.util.List;

/**
 * The verdict table for the VIP checklist, in the order the checklist reasons: the first problem on the
 * way from client to real server wins, because later steps cannot be trusted until it is fixed. The rules a failed
 * connect shares with the single commands are theirs ({@code tcp/Connect*} on the VIP's {@link Connection},
 * {@code tls/TlsNoHandshake} on its handshake): one rule per id, so both blame alike.
 *
 * <pre>
 * rule                    evidence                                             cause
 * probe-overran           the VIP probe outlived its deadline (netcheck slow)  INCONCLUSIVE
 * local-fault             attempt never left this host                         LOCAL
 * name-does-not-resolve   NXDOMAIN / NODATA / SERVFAIL / DNS timeout           DNS
 * service-misconfigured   svc/: no selector / selector matching no pod /       SERVICE_MISCONFIGURED
 *                         targetPort no pod exposes, and the VIP fails
 * no-ready-endpoints      svc/: pods listed, none ready, the VIP fails         BACKENDS_DOWN
 * no-endpoints-behind-vip ICMP port unreachable from the VIP, all servers down BACKENDS_DOWN
 * firewall-rejects        ICMP admin-prohibited, or port unreachable from path FIREWALL_REJECT
 * no-route                ICMP net unreachable / TTL exceeded                  ROUTING
 * host-absent             ICMP host unreachable (no ARP answer)                HOST_UNREACHABLE
 * firewall-behind-lb      --from: VIP accepted then failed (or forwarded into  FIREWALL_DROP,
 *                         silence) and the agent's SYNs to every server go     FIREWALL_REJECT
 *                         unanswered or are refused by ICMP admin-prohibited;
 *                         HIGH only for admin-prohibited from a non-server
 *                         (a device in the path), else MEDIUM naming the
 *                         path firewall and the servers' host firewall
 * return-path-lost        --from: SYNs unanswered here, the agent saw them     ROUTING
 *                         arrive and answered SYN-ACK/RST
 * dropped-before-lb       --from: SYNs unanswered here, the agent (its capture FIREWALL_DROP
 *                         proven by its own packets) saw none arrive
 * lb-host-drops           --from: SYNs reached the LB host, nothing answered   LB_MISCONFIGURED
 * silent-drop             SYNs retransmitted, nothing back                     FIREWALL_DROP
 * backend-probe-overran   a real server's probe outlived its deadline          INCONCLUSIVE
 * vip-refused             RST: from LB host / forwarded to closed server port  VIP_NOT_LISTENING,
 *                                                                              LB_MISCONFIGURED, BACKENDS_DOWN
 * ready-endpoint-refuses  svc/: a pod marked ready refuses when probed         DEGRADED, BACKENDS_DOWN,
 *                                                                              SERVICE_MISCONFIGURED (all do)
 * tls-handshake-fails     TCP ok, TLS handshake fails                          TLS
 * tls-certificate-rejected handshake done, but the certificate is expired, not  TLS
 *                         yet valid, for another name (SNI), weak or untrusted
 * path-mtu-black-hole     request sent, answer stalls; large DF echoes lost,   ROUTING
 *                         small ones pass, no ICMP fragmentation needed
 * vip-fails-behind-lb     LB error page / reset / close / silence / stalled    BACKENDS_DOWN,
 *                         body, then step 3                                    BACKENDS_UNREACHABLE,
 *                                                                              LB_MISCONFIGURED, DEGRADED,
 *                                                                              APP_ERROR, INCONCLUSIVE
 * application-error       5xx without a load balancer signature               APP_ERROR
 * terminating-endpoints-  svc/: none ready, the VIP served by terminating pods DEGRADED
 *   serve
 * some-backends-down      VIP answers, some real servers do not               DEGRADED
 * all-clear               VIP and every real server answer                    HEALTHY
 * (nothing matched)                                                            INCONCLUSIVE
 * </pre>
 */
public final class VipRules {
    private VipRules() {
    }

    public static final List<Rule<VipEvidence>> TABLE = List.of(
            new ConnectOverran().on(Connection::vip),
            new LocalFault(),
            new ConnectNameFails().on(Connection::vip),
            new ServicePoolMisconfigured(),
            new NoReadyEndpoints(),
            new NoEndpointsBehindVip(),
            new ConnectFirewallRejects().on(Connection::vip),
            new ConnectNoRoute().on(Connection::vip),
            new ConnectHostAbsent().on(Connection::vip),
            new FirewallBehindLb(),
            new ReturnPathLost(),
            new DroppedBeforeLb(),
            new LbHostDrops(),
            new ConnectSilentDrop().on(Connection::vip),
            new BackendProbeOverran(),
            new ReadyEndpointRefuses(),
            new VipRefused(),
            new TlsNoHandshake().on(e -> TlsObservation.failedAt(e.vip())),
            new VipCertificateRejected(),
            new PathMtuBlackHole(),
            new VipFailsBehindLb(),
            new ApplicationError(),
            new TerminatingEndpointsServe(),
            new SomeBackendsDown(),
            new AllClear());

    /** What the verdict says when no rule matches: what the VIP and its backends did. */
    public static String unmatched(VipEvidence evidence) {
        return "VIP: " + Describe.connect(evidence.vip()) + "; " + Describe.exchange(evidence.vip()) + "."
                + (evidence.hasBackends() ? " " + Describe.backends(evidence) + "." : "");
    }
}
