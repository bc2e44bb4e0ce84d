package io.netcheck.verdict;

import io.netcheck.verdict.ping.PingRulesTest;
import io.netcheck.verdict.trace.TraceRulesTest;

import io.netcheck.verdict.dns.DnsRulesTest;
import io.netcheck.verdict.host.HostRulesTest;
import io.netcheck.verdict.http.HttpRulesTest;
import io.netcheck.verdict.mtu.MtuRulesTest;
import io.netcheck.verdict.tls.TlsRulesTest;

import io.netcheck.verdict.dns.DnsRules;
import io.netcheck.verdict.host.HostRules;
import io.netcheck.verdict.http.HttpRules;
import io.netcheck.verdict.mtu.MtuRules;
import io.netcheck.verdict.ping.PingRules;
import io.netcheck.verdict.tcp.TcpRules;
import io.netcheck.verdict.tls.TlsRules;
import io.netcheck.verdict.trace.TraceRules;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.IcmpKind;
import io.netcheck.kind.BannerKind;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.BannerEvidence;
import io.netcheck.check.BannerCheck;
import io.netcheck.check.CaptureRun;
import io.netcheck.check.PingEvidence;
import io.netcheck.check.PingRequest;
import io.netcheck.check.TlsEvidence;
import io.netcheck.check.TlsRequest;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.PathMtu;
import io.netcheck.check.VipEvidence;
import io.netcheck.check.Arrival;
import io.netcheck.probe.CertificateInfo;
import io.netcheck.probe.ExchangeOutcome;
import io.netcheck.probe.ExchangeResult;
import io.netcheck.probe.dns.ResolutionStatus;
import io.netcheck.render.JsonRenderer;
import io.netcheck.report.DnsReport;
import io.netcheck.report.HttpReport;
import io.netcheck.report.ListenReport;
import io.netcheck.report.ListenersReport;
import io.netcheck.report.MtuReport;
import io.netcheck.report.PingReport;
import io.netcheck.report.Report;
import io.netcheck.report.TcpReport;
import io.netcheck.report.TlsReport;
import io.netcheck.report.TraceReport;
import io.netcheck.report.VipReport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports of every command kind, built from the recorded evidence the rule tests use: the schema test validates
 * each one's JSON, and the diff tests compare them. Public so tests in other packages can render them.
 */
public final class ReportFixtures {
    private static final TeamDirectory TEAMS = TeamDirectory.defaults();
    private static final VerdictEngine PROBES = new VerdictEngine(TEAMS);
    private static final VerdictEngine VIP = new VerdictEngine(TEAMS);

    private ReportFixtures() {
    }

    /** Every kind, in several states (healthy, failing, without capture, with follow-ups), by a short name. */
    public static Map<String, Report> all() {
        Map<String, Report> m = new LinkedHashMap<>();
        m.put("vip-healthy-tls", vipHealthyTls());
        m.put("vip-lb-page", vip(Evidence.of(Evidence.lbPage("203.0.113.10:80", Evidence.LB_TTL, "HAProxy"),
                Evidence.refused("203.0.113.130:80", Evidence.SERVER_TTL),
                Evidence.refused("203.0.113.131:80", Evidence.SERVER_TTL))));
        m.put("vip-healthy-backends", vip(Evidence.of(Evidence.host("203.0.113.10", 63, 63),
                Evidence.healthy("203.0.113.10:80", 63), Evidence.healthy("203.0.113.130:80", 62),
                Evidence.plainBehindTls("203.0.113.131:80", 62))));
        m.put("vip-from-return-path", vip(withLbSide(Evidence.of(Evidence.timeout("203.0.113.10:80"),
                Evidence.healthy("203.0.113.130:80", 62)), 4, 4)));
        m.put("vip-from-firewall-behind-lb", vip(withLbSide(Evidence.of(Evidence.lbPage("203.0.113.10:80",
                Evidence.LB_TTL, "nginx", 504, Duration.ofSeconds(1)), Evidence.timeout("203.0.113.130:80")), 1, 1)));
        m.put("vip-timeout-no-capture", vip(Evidence.withoutCapture(Evidence.timeout("203.0.113.10:80"))));
        m.put("vip-icmp", vip(Evidence.of(Evidence.noHost("198.51.100.1", 64),
                Evidence.icmp("203.0.113.10:80", IcmpKind.HOST_UNREACHABLE, 3, 1, "198.51.100.1"))));
        m.put("vip-dns-failed", vip(Evidence.of(Evidence.dnsFailed("app.svc.test", 80, ResolutionStatus.NXDOMAIN))));
        m.put("vip-local", vip(Evidence.of(Evidence.local("203.0.113.10:80"))));
        m.put("vip-tls-failed", vip(Evidence.of(Evidence.tlsFailed("203.0.113.10:443", 63))));
        m.put("vip-reset", vip(Evidence.of(Evidence.resetAfterRequest("203.0.113.10:80", 63),
                Evidence.closedAfterAccept("203.0.113.130:80", 62), Evidence.silentAfterAccept("203.0.113.131:80", 62))));
        m.put("vip-path-mtu", vip(Evidence.withPathMtu(Evidence.of(Evidence.bodyStalled("203.0.113.10:80", 63, 0,
                102400)), new PathMtu(Evidence.ip("203.0.113.10"), List.of("203.0.113.10:80"),
                Evidence.blackHole1280("203.0.113.10"), null, List.of("an echo line"),
                List.of(new CapturedFrame(Instant.EPOCH, 1, new byte[60], 1514, "eth0"))))));
        m.put("banner-said", banner(Attempts.connected("203.0.113.130:22", 62), "SSH-2.0-OpenSSH_9.6",
                BannerEvidence.End.LINE, true));
        m.put("banner-silent-no-capture", banner(Attempts.connected("203.0.113.130:25", 62), null,
                BannerEvidence.End.SILENCE, false));
        m.put("banner-refused", banner(Attempts.refused("203.0.113.130:25", 62), null, null, true));
        m.put("tcp-refused", tcp(ProbeVerdictsTest.tcp(Attempts.refused("203.0.113.130:5432", 62), true)));
        m.put("tcp-forged", tcp(ProbeVerdictsTest.tcp(Attempts.measured(Attempts.refused("203.0.113.10:80", 64), 63,
                63), true)));
        m.put("tcp-connected-no-capture", tcp(ProbeVerdictsTest.tcp(Attempts.connected("203.0.113.130:80", 62),
                false)));
        m.put("tcp-dns-failed", tcp(ProbeVerdictsTest.tcp(Attempts.dnsFailed("app.svc.test", 80), true)));
        m.put("tcp-icmp", tcp(ProbeVerdictsTest.tcp(Attempts.icmp("203.0.113.10:80", IcmpKind.ADMIN_PROHIBITED, 3, 13,
                "198.51.100.1"), true)));
        m.put("tls-healthy", tls(Attempts.connected("203.0.113.10:443", 63),
                TlsRulesTest.seen(true, true, TlsRulesTest.GOOD, TlsRulesTest.CA)));
        m.put("tls-untrusted", tls(Attempts.connected("203.0.113.10:443", 63),
                TlsRulesTest.seen(false, false, TlsRulesTest.GOOD)));
        m.put("tls-refused", tls(Attempts.refused("203.0.113.10:443", 63), null));
        m.put("dns-good", dns(DnsRulesTest.evidence("203.0.113.10", DnsRulesTest.NAMED_GOOD, DnsRulesTest.GOOD)));
        m.put("dns-silent", dns(DnsRulesTest.evidence(null, null, DnsRulesTest.system(DnsRulesTest.silence(
                DnsRulesTest.SYSTEM, DnsRulesTest.NAME)))));
        m.put("dns-unexpected", dns(DnsRulesTest.evidence("203.0.113.10", null, DnsRulesTest.system(
                DnsRulesTest.answer(DnsRulesTest.SYSTEM, DnsRulesTest.NAME, "NOERROR", "203.0.113.99")))));
        m.put("http-ok", http(HttpRulesTest.evidence(null, HttpRulesTest.hop("http://203.0.113.10/", HttpRulesTest.UP,
                Evidence.response(200, "nginx", null), null))));
        m.put("http-redirect-then-503", http(HttpRulesTest.evidence(null,
                HttpRulesTest.hop("http://203.0.113.10/", HttpRulesTest.UP, Evidence.response(301, "nginx", null),
                        "http://203.0.113.11/"),
                HttpRulesTest.hop("http://203.0.113.11/", Attempts.connected("203.0.113.11:80", 63),
                        Evidence.response(503, null, new io.netcheck.probe.LbSignature("HAProxy", "no server available",
                                "Server: HAProxy")), null))));
        m.put("http-no-response", http(HttpRulesTest.evidence(null, HttpRulesTest.hop("http://203.0.113.10/",
                HttpRulesTest.UP, new ExchangeResult(ExchangeOutcome.CLOSED, "GET / HTTP/1.1", null, null,
                        Duration.ofMillis(1), "closed by peer without a response"), null))));
        m.put("http-stalled-mtu", http(HttpRulesTest.withPathMtu(HttpRulesTest.evidence(null, HttpRulesTest.hop(
                "http://203.0.113.10/big", HttpRulesTest.UP, HttpRulesTest.stalledBody(), null)),
                Evidence.pathMtu("203.0.113.10", Evidence.blackHole1280("203.0.113.10"), "203.0.113.10:80"))));
        m.put("ping-ok", ping(PingRulesTest.ping(null, PingRulesTest.reply(1), PingRulesTest.reply(2))));
        m.put("ping-errors", ping(PingRulesTest.ping(null, PingRulesTest.error(1, 3, 1, "198.51.100.1"),
                PingRulesTest.lost(2))));
        m.put("ping-not-sent", ping(PingRulesTest.ping("no permission to send ICMP")));
        m.put("ping-captured", ping(pingWithFrames()));
        m.put("trace-reaches", trace(TraceRulesTest.trace(TraceRulesTest.hop(1, TraceRulesTest.R1, TraceRulesTest.R1),
                TraceRulesTest.hop(2, TraceRulesTest.R2, TraceRulesTest.R2), TraceRulesTest.hop(3,
                        TraceRulesTest.at(TraceRulesTest.DST, "echo reply", true, -1, -1),
                        TraceRulesTest.at(TraceRulesTest.DST, "SYN-ACK", true, -1, -1)))));
        m.put("trace-blocked", trace(TraceRulesTest.trace(TraceRulesTest.hop(1, TraceRulesTest.R1, TraceRulesTest.R1),
                TraceRulesTest.hop(2, TraceRulesTest.at(TraceRulesTest.DST, "echo reply", true, -1, -1), null))));
        m.put("mtu-black-hole", mtu(MtuRulesTest.mtu(Evidence.blackHole1280("203.0.113.10"), null)));
        m.put("mtu-full", mtu(MtuRulesTest.mtu(Evidence.mtu("203.0.113.10", MtuRulesTest.ok(1500)), null)));
        m.put("mtu-not-sent", mtu(MtuRulesTest.mtu(null, "no permission to send ICMP")));
        m.put("listeners", listeners(HostRulesTest.listeners(80, HostRulesTest.l("tcp", "0.0.0.0", 80),
                HostRulesTest.l("tcp6", "::", 80))));
        m.put("listeners-all", listeners(HostRulesTest.listeners(null, HostRulesTest.l("tcp", "127.0.0.1", 5432))));
        m.put("listen-arrived", listen(HostRulesTest.listen(null, null, new Arrival(HostRulesTest.NOW,
                new InetSocketAddress(Evidence.ip("198.51.100.2"), 40000),
                new InetSocketAddress(Evidence.ip("203.0.113.130"), 8080), "hello"))));
        m.put("listen-taken", listen(HostRulesTest.listen("port 8080 is already in use (Address already in use)",
                "nginx (pid 42) on tcp 0.0.0.0:8080")));
        return m;
    }

    /** A healthy TLS VIP (valid certificate, two real servers answering 200): the usual "last worked" baseline. */
    public static Report vipHealthyTls() {
        return vipTls(Evidence.cert("vip.example", "Test CA", "2026-11-01T00:00:00Z", "2027-02-01T00:00:00Z",
                "DNS:vip.example"));
    }

    /** The same VIP serving an expired certificate (replaced by an old one): a TLS verdict. */
    public static Report vipExpiredCertificate() {
        CertificateInfo old = new CertificateInfo("CN=vip.example", "CN=Test CA", List.of("DNS:vip.example"),
                Instant.parse("2025-08-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), "2a", "SHA256withECDSA",
                "EC", 256);
        return vipTls(old);
    }

    private static Report vipTls(CertificateInfo leaf) {
        CertificateInfo ca = Evidence.cert("Test CA", "Test CA", "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
        return vip(Evidence.of(Evidence.host("203.0.113.10", 63, 63), Evidence.tlsHealthy("203.0.113.10:443", 63,
                Evidence.judged("203.0.113.10:443", "vip.example", true, true, leaf, ca), leaf, ca),
                Evidence.healthy("203.0.113.130:443", 62), Evidence.healthy("203.0.113.131:443", 62)));
    }

    /** A tcp check of {@code label}: connected (SYN-ACK with this TTL) or refused (RST with it). */
    public static Report tcp(String label, int ttl, boolean connected) {
        return tcp(ProbeVerdictsTest.tcp(connected ? Attempts.connected(label, ttl) : Attempts.refused(label, ttl),
                true));
    }

    private static Report banner(ConnectAttempt a, String said, BannerEvidence.End end, boolean captured) {
        BannerEvidence e = new BannerEvidence(new BannerCheck.Request(a.target(), Duration.ofSeconds(3),
                Duration.ofSeconds(2), captured, null), Instant.parse("2026-11-22T04:00:00Z"), Duration.ofMillis(40), a,
                said, said == null ? 0 : said.length() + 2, said == null ? null : Duration.ofMillis(12), end,
                ProbeVerdictsTest.tcp(a, captured).capture());
        BannerKind kind = new BannerKind();
        return kind.report(e, PROBES.decide(kind.rules(), e, kind.capture(e), kind::unmatched));
    }

    public static String json(Report r) {
        return new JsonRenderer().render(r);
    }

    private static PingEvidence pingWithFrames() {
        Instant t = Instant.parse("2026-11-22T04:00:00Z");
        var result = new io.netcheck.probe.raw.PingResult("eth0", Evidence.ip("198.51.100.1"), "9a:59:4c:80:23:a8",
                false, 7, List.of(new io.netcheck.probe.raw.EchoReply(1, t, Duration.ofMillis(1), 62, null, -1, -1)),
                null, List.of(new CapturedFrame(t, 1, new byte[60], 60, "eth0")));
        return new PingEvidence(new PingRequest("203.0.113.130", 1, Duration.ofSeconds(1), null), t,
                Duration.ofMillis(300), io.netcheck.probe.dns.Resolution.literal("203.0.113.130",
                Evidence.ip("203.0.113.130")), Evidence.ip("203.0.113.130"), result, null, List.of("a line"),
                CaptureRun.notApplicable("not taken for this test"));
    }

    /** A {@code vip --from lb-a} run: the agent saw {@code syns} of netcheck's SYNs and answered {@code synAcks}. */
    static VipEvidence withLbSide(VipEvidence e, int syns, int synAcks) {
        var side = new io.netcheck.check.LbSideEvidence("lb-a", new io.netcheck.check.ClockOffset(1200, 250),
                new CaptureSummary(true, null, List.of("lb-a:eth0"), "tcp", 128, 9, 0, "/tmp/x-lb-a.pcap"),
                "source port", syns, synAcks, 0, 0, 6, List.of("06:00:00.000001 IP 198.51.100.2.40000 > "
                + "203.0.113.10.80: Flags [S], seq 1, win 64240, length 0"));
        return new VipEvidence(e.request(), e.startedAt(), e.elapsed(), e.vip(), e.backends(), e.layer(), e.capture(),
                e.host(), e.attribution(), e.pathMtu(), side);
    }

    private static Report vip(VipEvidence e) {
        return VipReport.of(e, VIP.decide(e));
    }

    private static Report tcp(io.netcheck.check.TcpEvidence e) {
        return TcpReport.of(e, PROBES.decide(TcpRules.TCP, e, e.capture(), x -> ""));
    }

    private static Report tls(io.netcheck.check.ConnectAttempt a, io.netcheck.check.TlsObservation seen) {
        CaptureSummary capture = new CaptureSummary(true, null, List.of("eth0"), "", 128, 2, 0, "/tmp/x.pcap");
        TlsRequest req = new TlsRequest(Evidence.hp(TlsRulesTest.LABEL), null, 14, Duration.ofSeconds(3), true, null);
        TlsEvidence e = new TlsEvidence(req, TlsRulesTest.NOW, Duration.ofMillis(7), a, seen, capture);
        return TlsReport.of(e, PROBES.decide(TlsRules.TLS, e, capture, x -> ""));
    }

    private static Report dns(io.netcheck.check.DnsEvidence e) {
        return DnsReport.of(e, PROBES.decide(DnsRules.DNS, e, null, x -> ""));
    }

    private static Report http(io.netcheck.check.HttpEvidence e) {
        return HttpReport.of(e, PROBES.decide(HttpRules.HTTP, e, e.capture(), x -> ""));
    }

    private static Report ping(PingEvidence e) {
        return PingReport.of(e, PROBES.decide(PingRules.PING, e, null, x -> ""));
    }

    private static Report trace(io.netcheck.check.TraceEvidence e) {
        return TraceReport.of(e, PROBES.decide(TraceRules.TRACE, e, null, x -> ""));
    }

    private static Report mtu(io.netcheck.check.MtuEvidence e) {
        return MtuReport.of(e, PROBES.decide(MtuRules.MTU, e, null, x -> ""));
    }

    private static Report listeners(io.netcheck.check.ListenersEvidence e) {
        return ListenersReport.of(e, PROBES.decide(HostRules.LISTENERS, e, null, x -> ""));
    }

    private static Report listen(io.netcheck.check.ListenEvidence e) {
        return ListenReport.of(e, PROBES.decide(HostRules.LISTEN, e, null, x -> ""));
    }

}
