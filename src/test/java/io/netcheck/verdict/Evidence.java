package io.netcheck.verdict;

import io.netcheck.check.Overran;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import io.netcheck.capture.IcmpError;
import io.netcheck.capture.IcmpKind;
import io.netcheck.capture.WireFacts;
import io.netcheck.check.AnswerOrigin;
import io.netcheck.check.Attribution;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostAnswer;
import io.netcheck.check.VipHostEvidence;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.HostPort;
import io.netcheck.check.LayerInspector;
import io.netcheck.check.VipCheckRequest;
import io.netcheck.check.VipEvidence;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.CertificateFindings;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.check.PathMtu;
import io.netcheck.probe.BodyEnd;
import io.netcheck.probe.ConnectOutcome;
import io.netcheck.probe.raw.MtuAttempt;
import io.netcheck.probe.raw.MtuResult;
import io.netcheck.probe.ExchangeOutcome;
import io.netcheck.probe.ExchangeResult;
import io.netcheck.probe.HttpResponseSummary;
import io.netcheck.probe.LbSignature;
import io.netcheck.probe.Route;
import io.netcheck.probe.ServiceResult;
import io.netcheck.probe.ServiceTarget;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.TlsResult;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Builds evidence the way the checklist would after seeing given packets, so each rule can be tested on
 * its own. TTLs follow the lab: the LB host answers with TTL 63 (1 hop), real servers with 62 (2 hops).
 */
public final class Evidence {
    public static final int LB_TTL = 63;
    public static final int SERVER_TTL = 62;
    public static final String CLIENT = "198.51.100.2";
    public static final String ROUTER = "198.51.100.1";

    private Evidence() {
    }

    public static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HostPort hp(String label) {
        int colon = label.lastIndexOf(':');
        return new HostPort(label.substring(0, colon), Integer.parseInt(label.substring(colon + 1)));
    }

    private static WireFacts wire(int syns, Integer synAckTtl, boolean reset, String resetFrom, Integer resetTtl,
                                  boolean resetAfterData, boolean fin, long peerBytes, IcmpError icmp) {
        return new WireFacts(syns + (synAckTtl != null ? 2 : 0), syns, synAckTtl != null, synAckTtl,
                synAckTtl == null ? null : 65160, synAckTtl == null ? null : 1460, reset,
                reset ? ip(resetFrom) : null, resetTtl, resetAfterData, fin, peerBytes, resetAfterData ? 78 : 0, icmp);
    }

    private static EndpointEvidence endpoint(String label, ConnectOutcome outcome, String error, WireFacts wire,
                                             TlsResult tls, ExchangeResult exchange) {
        HostPort target = hp(label);
        InetSocketAddress address = new InetSocketAddress(ip(target.host()), target.port());
        ServiceTarget st = new ServiceTarget(label, address, new Route(address.getAddress(), ip(CLIENT), "eth0"),
                target.host(), "/", tls != null, null);
        TcpConnectResult connect = new TcpConnectResult(outcome, address, new InetSocketAddress(ip(CLIENT), 40000),
                Duration.ofMillis(outcome == ConnectOutcome.TIMEOUT ? 3000 : 1), error);
        return new EndpointEvidence(target, Resolution.literal(target.host(), address.getAddress()), address, "eth0",
                new ServiceResult(st, connect, tls, exchange), null, wire, List.of(), 0, Duration.ofMillis(5));
    }

    public static ExchangeResult response(int status, String server, LbSignature sig) {
        List<HttpResponseSummary.Header> headers = server == null ? List.of()
                : List.of(new HttpResponseSummary.Header("Server", server));
        return new ExchangeResult(ExchangeOutcome.RESPONSE, "GET / HTTP/1.1", new HttpResponseSummary("HTTP/1.1",
                status, status == 200 ? "OK" : "Service Unavailable", headers, status >= 400 ? "error" : null, sig),
                Duration.ofMillis(1), Duration.ofMillis(2), null);
    }

    public static EndpointEvidence healthy(String label, int ttl) {
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, true, 120, null),
                null, response(200, "nginx", null));
    }

    public static EndpointEvidence appError(String label, int ttl) {
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, true, 120, null),
                null, response(500, "gunicorn", null));
    }

    public static EndpointEvidence lbPage(String label, int ttl, String product) {
        LbSignature sig = new LbSignature(product, "no server available", "body: \"No server is available\"");
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, true, 200, null),
                null, response(503, null, sig));
    }

    /** An LB error page with this status, whose first byte came {@code after} the request. */
    public static EndpointEvidence lbPage(String label, int ttl, String product, int status, Duration after) {
        LbSignature sig = new LbSignature(product, "gateway error", "Server: " + product);
        ExchangeResult r = response(status, null, sig);
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, true, 200, null),
                null, new ExchangeResult(r.outcome(), r.requestLine(), r.response(), after, after, null));
    }

    public static EndpointEvidence refused(String label, Integer rstTtl) {
        String host = hp(label).host();
        return endpoint(label, ConnectOutcome.REFUSED, "Connection refused",
                rstTtl == null ? WireFacts.NONE : wire(1, null, true, host, rstTtl, false, false, 0, null), null, null);
    }

    public static EndpointEvidence timeout(String label) {
        return endpoint(label, ConnectOutcome.TIMEOUT, "Connect timed out",
                wire(4, null, false, null, null, false, false, 0, null), null, null);
    }

    public static EndpointEvidence icmp(String label, IcmpKind kind, int type, int code, String from) {
        ConnectOutcome outcome = kind == IcmpKind.PORT_UNREACHABLE ? ConnectOutcome.REFUSED : ConnectOutcome.UNREACHABLE;
        boolean fromTarget = from.equals(hp(label).host());
        IcmpError error = new IcmpError(ip(from), 64, 4, type, code, kind, fromTarget);
        return endpoint(label, outcome, kind == IcmpKind.NET_UNREACHABLE ? "Network is unreachable"
                : kind == IcmpKind.PORT_UNREACHABLE ? "Connection refused" : "No route to host",
                wire(1, null, false, null, null, false, false, 0, error), null, null);
    }

    public static EndpointEvidence closedAfterAccept(String label, int ttl) {
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, true, hp(label).host(), ttl, true, true, 0,
                null), null, new ExchangeResult(ExchangeOutcome.RESET, "GET / HTTP/1.1", null, null,
                Duration.ofMillis(1), "Connection reset"));
    }

    public static EndpointEvidence resetAfterRequest(String label, int ttl) {
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, true, hp(label).host(), ttl, true, false, 0,
                null), null, new ExchangeResult(ExchangeOutcome.RESET, "GET / HTTP/1.1", null, null,
                Duration.ofMillis(1), "Connection reset"));
    }

    public static EndpointEvidence silentAfterAccept(String label, int ttl) {
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, false, 0, null),
                null, new ExchangeResult(ExchangeOutcome.NO_RESPONSE, "GET / HTTP/1.1", null, null,
                        Duration.ofSeconds(3), "no response before the deadline"));
    }

    /** Connected, the head came (200 OK), then the body stopped after {@code got} of {@code of} bytes. */
    public static EndpointEvidence bodyStalled(String label, int ttl, long got, long of) {
        ExchangeResult ex = new ExchangeResult(ExchangeOutcome.BODY_STALLED, "GET /big HTTP/1.1",
                new HttpResponseSummary("HTTP/1.1", 200, "OK", List.of(new HttpResponseSummary.Header("Server",
                        "nginx")), null, null), Duration.ofMillis(1), Duration.ofSeconds(3),
                "body stalled: " + got + " of " + of + " body bytes by the deadline, nothing for the last 2990 ms",
                Duration.ofMillis(2), got, BodyEnd.STALLED);
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, false, got, null),
                null, ex);
    }

    /** An echo-size search result towards {@code to}, from these attempts. */
    public static MtuResult mtu(String to, MtuAttempt... attempts) {
        return MtuResult.of("eth0", ip(to), ip(ROUTER), 1500, 576, List.of(attempts), null, List.of());
    }

    /** The lab's black hole: 1280 bytes pass, anything larger is lost silently. */
    public static MtuResult blackHole1280(String to) {
        return mtu(to, MtuAttempt.lost(1500), MtuAttempt.answered(576, Duration.ofMillis(1), ip(to)),
                MtuAttempt.lost(1281), MtuAttempt.answered(1280, Duration.ofMillis(1), ip(to)), MtuAttempt.lost(1300));
    }

    public static PathMtu pathMtu(String to, MtuResult r, String... endpoints) {
        return new PathMtu(ip(to), List.of(endpoints), r, r.problem(), List.of(), List.of());
    }

    /** The same run, with the path MTU follow-up it led to. */
    public static VipEvidence withPathMtu(VipEvidence e, PathMtu... measured) {
        return new VipEvidence(e.request(), e.startedAt(), e.elapsed(), e.vip(), e.backends(), e.layer(), e.capture(),
                e.host(), e.attribution(), List.of(measured));
    }

    public static EndpointEvidence tlsFailed(String label, int ttl) {
        TlsResult tls = new TlsResult(false, null, null, "vip.example", List.of(), null,
                Duration.ofMillis(2), "Received fatal alert: handshake_failure");
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, true, 7, null),
                tls, null);
    }

    /** Judged at the same instant as the evidence's start, with a 14-day warning window. */
    public static final CertificateCheck CERTIFICATES = new CertificateCheck(TrustAnchors.system(),
            Clock.fixed(Instant.parse("2026-11-22T04:00:00Z"), ZoneOffset.UTC), 14);

    public static CertificateInfo cert(String cn, String issuer, String from, String to, String... sans) {
        return new CertificateInfo("CN=" + cn, "CN=" + issuer, List.of(sans), Instant.parse(from), Instant.parse(to),
                "1f", "SHA256withECDSA", "EC", 256);
    }

    /** @param name the SNI name asked, null for none (the VIP's address is checked against IP SANs) */
    public static CertificateFindings judged(String label, String name, boolean trusted, boolean nameMatches,
                                      CertificateInfo... chain) {
        return CERTIFICATES.judge(Instant.parse("2026-11-22T04:00:00Z"), List.of(chain),
                name != null ? name : hp(label).host(), name == null, nameMatches,
                trusted ? null : chain[0].issuer() + ", the issuer of " + chain[0].subject()
                        + ", is not in the system trust store");
    }

    /** A VIP that completed the TLS handshake with this certificate, then answered 200. */
    public static EndpointEvidence tlsHealthy(String label, int ttl, CertificateFindings f, CertificateInfo... chain) {
        TlsResult tls = new TlsResult(true, "TLSv1.3", "TLS_AES_128_GCM_SHA256", f.nameIsAddress() ? null : f.name(),
                List.of(chain), f, Duration.ofMillis(3), null);
        return endpoint(label, ConnectOutcome.CONNECTED, null, wire(1, ttl, false, null, null, false, true, 900, null),
                tls, response(200, "nginx", null));
    }

    /** A real server that answered the ClientHello with its plain-HTTP 400, then GET in plain HTTP with 200. */
    public static EndpointEvidence plainBehindTls(String label, int ttl) {
        EndpointEvidence plain = healthy(label, ttl);
        TlsResult refused = new TlsResult(false, null, null, "vip.example", List.of(), null, Duration.ofMillis(1),
                "Unsupported or unrecognized SSL message");
        ServiceResult attempt = new ServiceResult(plain.result().target(), plain.result().connect(), refused, null);
        return new EndpointEvidence(plain.target(), plain.resolution(), plain.address(), plain.interfaceName(),
                plain.result().after(attempt), null, plain.wire(), List.of(), 0, plain.elapsed());
    }

    public static EndpointEvidence local(String label) {
        HostPort target = hp(label);
        return new EndpointEvidence(target, Resolution.literal(target.host(), ip(target.host())),
                new InetSocketAddress(ip(target.host()), target.port()), null, null,
                "this host has no route to " + target.host() + " (Network is unreachable)", WireFacts.NONE, List.of(), 0,
                Duration.ZERO);
    }

    /** The probe was still running past its deadline and grace: the runner stopped waiting (a slow netcheck host). */
    public static EndpointEvidence overran(String label) {
        HostPort target = hp(label);
        return new EndpointEvidence(target, Resolution.literal(target.host(), ip(target.host())),
                new InetSocketAddress(ip(target.host()), target.port()), "eth0", null,
                Overran.problem(new CompletionException(new TimeoutException())),
                WireFacts.NONE, List.of(), 0, Duration.ZERO);
    }

    public static EndpointEvidence dnsFailed(String name, int port, ResolutionStatus status) {
        Resolution r = new Resolution(name, status, List.of(), List.of(), List.of("198.51.100.1#53"),
                Duration.ofMillis(3), "the name does not exist (NXDOMAIN)");
        return new EndpointEvidence(new HostPort(name, port), r, null, null, null, r.error(), WireFacts.NONE, List.of(), 0,
                Duration.ZERO);
    }

    /** The VIP host not measured (no echo, no second port): rules must not reach HIGH on the VIP port alone. */
    public static VipEvidence of(EndpointEvidence vip, EndpointEvidence... backends) {
        return of(true, UNMEASURED, vip, backends);
    }

    /** With the VIP host's own answers, as the checklist measures them beside the VIP port. */
    public static VipEvidence of(VipHostEvidence host, EndpointEvidence vip, EndpointEvidence... backends) {
        return of(true, host, vip, backends);
    }

    public static VipEvidence withoutCapture(EndpointEvidence vip, EndpointEvidence... backends) {
        return of(false, UNMEASURED, vip, backends);
    }

    public static final VipHostEvidence UNMEASURED = VipHostEvidence.notMeasured("not measured in this test");

    /** The VIP host answers its echo and its second port (RST) with these TTLs; null: that probe got nothing. */
    public static VipHostEvidence host(String address, Integer echoTtl, Integer portTtl) {
        HostAnswer echo = echoTtl == null ? new HostAnswer("ICMP echo", HostAnswer.Kind.SILENT, null, null, null, "no reply")
                : new HostAnswer("ICMP echo", HostAnswer.Kind.ANSWERED, ip(address), echoTtl, 4711, "echo reply");
        HostAnswer port = portTtl == null ? new HostAnswer("TCP port 9", HostAnswer.Kind.SILENT, null, null, null,
                "no answer") : new HostAnswer("TCP port 9", HostAnswer.Kind.ANSWERED, ip(address), portTtl, 0, "RST");
        return new VipHostEvidence(echo, port, List.of());
    }

    /** No host holds the VIP address: {@code gateway} answers both probes with ICMP host unreachable. */
    public static VipHostEvidence noHost(String gateway, int ttl) {
        HostAnswer echo = new HostAnswer("ICMP echo", HostAnswer.Kind.ICMP_ERROR, ip(gateway), ttl, 1, "ICMP host unreachable");
        HostAnswer port = new HostAnswer("TCP port 9", HostAnswer.Kind.ICMP_ERROR, ip(gateway), ttl, 2,
                "ICMP host unreachable");
        return new VipHostEvidence(echo, port, List.of());
    }

    private static VipEvidence of(boolean captured, VipHostEvidence host, EndpointEvidence vip,
                                  EndpointEvidence... backends) {
        List<EndpointEvidence> list = Arrays.asList(backends);
        VipCheckRequest request = new VipCheckRequest(vip.target(), list.stream().map(EndpointEvidence::target).toList(),
                false, true, null, "/", Duration.ofSeconds(3), captured, null);
        CaptureSummary capture = captured
                ? new CaptureSummary(true, null, List.of("eth0"), "tcp", 128, 10, 0, "/tmp/x.pcap")
                : new CaptureSummary(false, "no permission to capture", List.of(), "", 128, 0, 0, null);
        Attribution attribution = AnswerOrigin.of(vip, host);
        return new VipEvidence(request, Instant.parse("2026-11-22T04:00:00Z"), Duration.ofMillis(20), vip, list,
                LayerInspector.infer(vip, list, attribution), capture, host, attribution);
    }
}
