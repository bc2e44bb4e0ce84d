package io.netcheck.verdict;

import io.netcheck.check.BannerEvidence;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.DnsEvidence;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.MtuEvidence;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.TraceEvidence;
import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TlsObservation;
import io.netcheck.check.ListenEvidence;
import io.netcheck.check.ListenersEvidence;
import io.netcheck.check.TcpEvidence;
import java.util.List;
import java.util.stream.Stream;

/**
 * The verdict tables of the single-probe commands. A failed connect is judged the same way whichever
 * command made it ({@link #CONNECT}); each command then adds its own rules.
 *
 * <p>Each finding lists the independent signals it rests on; HIGH needs two ({@link Finding#calibrated()}). For a
 * connect the second one usually comes from the target host's own packets (an ICMP echo and a SYN to a second port,
 * measured in the same capture window), the same reference the VIP checklist uses to tell who answered.
 *
 * <pre>
 * rule                    evidence                                             cause
 * connect-local-fault     attempt never left this host                         LOCAL
 * name-does-not-resolve   NXDOMAIN / NODATA / SERVFAIL / DNS timeout           DNS
 * firewall-rejects        ICMP admin-prohibited or port unreachable            FIREWALL_REJECT
 * no-route                ICMP net unreachable / TTL exceeded                  ROUTING
 * host-absent             ICMP host unreachable (no ARP answer)                HOST_UNREACHABLE
 * silent-drop             SYNs retransmitted, nothing back                     FIREWALL_DROP
 * forged-reset            RST from closer than the target host's own packets   FIREWALL_REJECT
 * nothing-listens         RST from the target host itself (or not measured)    BACKENDS_DOWN
 * tcp-connects            handshake completed (tcp only)                       HEALTHY
 *
 * dns
 * dns-no-resolver-answers every resolver silent / none configured              DNS / LOCAL
 * dns-resolver-fails      SERVFAIL, REFUSED, ...                               DNS
 * dns-invents-answers     a made-up name under the same parent got records     DNS
 * dns-resolvers-disagree  system and named resolvers answer differently        DNS
 * dns-nxdomain            the name does not exist                              DNS
 * dns-no-record           NOERROR, no record of the asked type                 DNS
 * dns-unexpected-answer   --expect ADDR not among the answers                  DNS
 * dns-some-resolvers-silent one resolver answers, another does not             DNS
 * dns-resolves            consistent answer                                    HEALTHY
 *
 * tls (after the connect rules; http uses the first six too)
 * tls-handshake-fails     TCP ok, no TLS session                               TLS
 * tls-certificate-expired a chain certificate past its notAfter               TLS
 * tls-certificate-not-yet-valid a chain certificate before its notBefore       TLS
 * tls-name-mismatch       leaf does not cover the SNI name / address           TLS
 * tls-weak-certificate    RSA < 2048, EC < 224, DSA, MD5/SHA-1 signature       TLS
 * tls-untrusted-chain     chain does not lead to a CA of the system store or   TLS
 *                         netcheck.tls.ca-bundle
 * tls-expires-soon        leaf expires within the warning window (14 days)     TLS
 * tls-healthy             all of the above fine                                HEALTHY
 *
 * http (after the connect rules on the last request, and the TLS failures of any https request)
 * http-path-mtu-black-hole request stalled; large DF echoes lost, small pass   ROUTING
 * http-no-response        connected, then reset / closed / silence / not HTTP  APP_ERROR
 * http-body-stalls        head arrived, body stopped before its end            APP_ERROR
 * http-redirects-do-not-end more than 5 redirects, or an unfollowable one      APP_ERROR
 * http-lb-error-page      5xx written by a load balancer (signature)           BACKENDS_DOWN
 * http-error-status       5xx or 4xx from the application                      APP_ERROR
 * http-ok                 2xx/3xx at the end of the chain                      HEALTHY
 *
 * listeners
 * listeners-unreadable    /proc/net not readable                               LOCAL
 * nothing-listens-here    no socket on PORT                                    BACKENDS_DOWN
 * listens-on-loopback-only PORT bound to 127.0.0.1 / ::1 only                  APP_ERROR
 * listeners-listed        PORT reachable from other hosts, or the overview     HEALTHY
 *
 * listen
 * listen-port-in-use      cannot bind the port                                 LOCAL
 * listen-connections-arrived connections arrived                               HEALTHY
 * listen-nothing-arrived  nothing arrived in the window                        INCONCLUSIVE
 *
 * ping
 * ping-not-sent           no name / no route / no privilege / IPv6             DNS, LOCAL
 * ping-icmp-error         ICMP error instead of replies                        ROUTING, HOST_UNREACHABLE,
 *                                                                              FIREWALL_REJECT
 * ping-no-reply           all lost, no error                                   FIREWALL_DROP (low)
 * ping-loss               some lost                                            ROUTING
 * ping-answers            all answered                                         HEALTHY
 *
 * mtu
 * mtu-not-sent            no name / no route / no privilege / IPv6             DNS, LOCAL
 * mtu-no-reply            not even the smallest size answered                  FIREWALL_DROP (low), ROUTING,
 *                                                                              HOST_UNREACHABLE, FIREWALL_REJECT
 * mtu-black-hole          small sizes pass, larger lost without frag needed    ROUTING
 * mtu-full-size           the interface MTU passes                             HEALTHY
 * mtu-frag-needed         a router announces a smaller MTU (ICMP 3/4)          HEALTHY (with a note)
 *
 * banner (after the connect rules)
 * banner-said             the service greeted within the wait                  HEALTHY
 * banner-silent           connected, then closed / reset / silent, no word     APP_ERROR
 *
 * trace
 * trace-not-sent          no name / no route / no privilege / IPv6             DNS, LOCAL
 * trace-reaches           TCP SYN answered by the destination                  HEALTHY, BACKENDS_DOWN (RST)
 * trace-service-blocked   ICMP reaches the destination, TCP does not           FIREWALL_DROP, FIREWALL_REJECT
 * trace-path-ends         neither reaches it                                   ROUTING, HOST_UNREACHABLE,
 *                                                                              FIREWALL_REJECT, FIREWALL_DROP
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
            new ConnectForgedReset(),
            new NothingListens());

    public static final List<Rule<TcpEvidence>> TCP = Stream.concat(
            CONNECT.stream().map(r -> r.on(TcpEvidence::attempt)),
            Stream.of(new TcpConnects().<TcpEvidence>on(TcpEvidence::attempt))).toList();

    public static final List<Rule<BannerEvidence>> BANNER = Stream.concat(
            CONNECT.stream().map(r -> r.<BannerEvidence>on(BannerEvidence::attempt)),
            Stream.of(new BannerSaid(), new BannerSilent())).toList();

    public static final List<Rule<DnsEvidence>> DNS = List.of(
            new DnsNoResolverAnswers(),
            new DnsResolverFails(),
            new DnsInventsAnswers(),
            new DnsResolversDisagree(),
            new DnsNameDoesNotExist(),
            new DnsNoRecord(),
            new DnsUnexpectedAnswer(),
            new DnsSomeResolversSilent(),
            new DnsResolves());

    /** What makes a TLS connection fail for a client that verifies: shared by tls and http. */
    static final List<Rule<TlsObservation>> TLS_FAILS = List.of(
            new TlsNoHandshake(),
            new TlsCertificateExpired(),
            new TlsCertificateNotYetValid(),
            new TlsNameMismatch(),
            new TlsWeakCertificate(),
            new TlsUntrusted());

    public static final List<Rule<TlsEvidence>> TLS = Stream.of(
            CONNECT.stream().map(r -> r.<TlsEvidence>on(TlsEvidence::failedConnect)),
            TLS_FAILS.stream().map(r -> r.<TlsEvidence>on(TlsEvidence::handshake)),
            Stream.of(new TlsExpiresSoon(), new TlsHealthy()).map(r -> r.<TlsEvidence>on(TlsEvidence::handshake)))
            .flatMap(s -> s).toList();

    public static final List<Rule<HttpEvidence>> HTTP = Stream.of(
            CONNECT.stream().map(r -> r.<HttpEvidence>on(HttpEvidence::failedConnect)),
            TLS_FAILS.stream().map(r -> r.<HttpEvidence>on(HttpEvidence::tlsJudged)),
            Stream.<Rule<HttpEvidence>>of(new HttpPathMtuBlackHole(), new HttpNoResponse(), new HttpBodyStalls(),
                    new HttpTooManyRedirects(), new HttpLbErrorPage(), new HttpErrorStatus(), new HttpOk()))
            .flatMap(s -> s).toList();

    public static final List<Rule<ListenersEvidence>> LISTENERS = List.of(
            new ListenersUnreadable(),
            new NothingListensHere(),
            new LoopbackOnly(),
            new ListenersFine());

    public static final List<Rule<ListenEvidence>> LISTEN = List.of(
            new ListenPortTaken(),
            new ListenArrivals(),
            new ListenNothingArrived());

    public static final List<Rule<PingEvidence>> PING = List.of(
            new PingNotSent(),
            new PingIcmpError(),
            new PingNoReply(),
            new PingLoss(),
            new PingAnswers());

    public static final List<Rule<MtuEvidence>> MTU = List.of(
            new MtuNotSent(),
            new MtuNoReply(),
            new MtuBlackHole(),
            new MtuFullSize(),
            new MtuFragNeeded());

    public static final List<Rule<TraceEvidence>> TRACE = List.of(
            new TraceNotSent(),
            new TraceReaches(),
            new TraceServiceBlocked(),
            new TracePathEnds());
}
