package io.netcheck.check;

import io.netcheck.probe.Addresses;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.check.HostPort;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.check.MtuFollowUp;
import io.netcheck.check.PathMtu;
import io.netcheck.probe.Route;
import io.netcheck.probe.TargetPolicy;
import java.net.InetAddress;
import io.netcheck.probe.HttpFetchProbe;
import io.netcheck.probe.HttpFetchResult;
import io.netcheck.probe.HttpResponseSummary;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.ServiceTarget;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code http URL}: the curl -L test. Each request of the redirect chain runs under its own capture (the
 * next host is only known from the previous answer); one .pcap holds them all. Redirects to another host
 * are followed, and the report says so.
 */
public final class HttpCheck {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Targeting targeting;
    private final ProbeRunner runner;
    private final CaptureRun captureRun;
    private final Clock clock;
    private final CertificateCheck certificates;
    private final TargetHost targetHost;
    private final MtuFollowUp mtuFollowUp;

    public HttpCheck(Targeting targeting, ProbeRunner runner, CaptureRun captureRun, Clock clock) {
        this(targeting, runner, captureRun, clock, new CertificateCheck(TrustAnchors.system(), clock,
                CertificateCheck.DEFAULT_WARN_DAYS), new MtuFollowUp(runner, TargetPolicy.OPEN, clock));
    }

    /** @param mtuFollowUp measures the path MTU when a request stalls (with the same target policy as targeting) */
    public HttpCheck(Targeting targeting, ProbeRunner runner, CaptureRun captureRun, Clock clock,
                     CertificateCheck certificates, MtuFollowUp mtuFollowUp) {
        this.certificates = certificates;
        this.mtuFollowUp = mtuFollowUp;
        this.targeting = targeting;
        this.runner = runner;
        this.captureRun = captureRun;
        this.clock = clock;
        this.targetHost = new TargetHost(runner, targeting.policy(), captureRun.settings());
    }

    public HttpEvidence run(HttpCheckRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        List<HttpHop> hops = new ArrayList<>();
        List<CaptureRun.Captured> captures = new ArrayList<>();
        List<Predicate<DecodedPacket>> selections = new ArrayList<>();
        List<CapturedFrame> echoes = new ArrayList<>();
        URI url = request.url();
        String stopped = null;
        while (true) {
            HttpHop hop = request(url, request, captures, selections, echoes);
            hops.add(hop);
            if (hop.location() == null) {
                break;
            }
            if (hops.size() > HttpCheckRequest.MAX_REDIRECTS) {
                stopped = "more than " + HttpCheckRequest.MAX_REDIRECTS + " redirects: stopped at " + hop.location();
                break;
            }
            String unsupported = unsupported(hop.location());
            if (unsupported != null) {
                stopped = "redirect to " + hop.location() + " not followed: " + unsupported;
                break;
            }
            url = hop.location();
        }
        PathMtu pathMtu = pathMtu(request, new HttpEvidence(request, startedAt, Duration.ZERO, hops, stopped, null)
                .stalled());
        List<CapturedFrame> extra = new ArrayList<>(echoes);
        if (pathMtu != null) {
            extra.addAll(pathMtu.frames());
        }
        var summary = captureRun.summary(captures, selections, extra, request.pcapFile(),
                "http-" + request.url().getHost() + "-" + port(request.url()), startedAt);
        return new HttpEvidence(request, startedAt, runner.ticker().since(t0), hops, stopped, summary,
                pathMtu);
    }

    /** The path MTU follow-up when a request stalled after it was sent (silence, or a stalled body); else null. */
    private PathMtu pathMtu(HttpCheckRequest request, HttpHop stalled) throws InterruptedException {
        if (stalled == null || stalled.attempt().connect() == null || stalled.attempt().connect().local() == null) {
            return null;
        }
        ConnectAttempt a = stalled.attempt();
        InetAddress to = a.address().getAddress();
        List<MtuFollowUp.Stalled> which = List.of(new MtuFollowUp.Stalled(a.target().label(), to,
                new Route(to, a.connect().local().getAddress(), a.interfaceName())));
        return request.capture() ? mtuFollowUp.measure(which, request.timeout(), captureRun.settings().snaplen()).get(0)
                : MtuFollowUp.skipped(which, "not measured: --no-capture (the measurement is packets netcheck sends "
                + "and captures itself)").get(0);
    }

    /** One request of the chain, under its own capture, with its target host measured in the same window. */
    private HttpHop request(URI url, HttpCheckRequest request, List<CaptureRun.Captured> captures,
                            List<Predicate<DecodedPacket>> selections, List<CapturedFrame> echoes)
            throws InterruptedException {
        long t0 = runner.ticker().nanos();
        boolean https = url.getScheme().equalsIgnoreCase("https");
        String host = host(url);
        Target target = targeting.plan(new HostPort(host, port(url)), request.timeout());
        HttpFetchResult[] result = new HttpFetchResult[1];
        String[] problem = new String[1];
        if (https && target.probeable()) {
            certificates.warmUp();
        }
        TargetHost.Measurement measure = targetHost.measurement(target, request.capture(), request.timeout());
        CaptureRun.Captured captured = captureRun.around(request.capture(), "capture switched off (--no-capture)",
                TcpCheck.interfaces(target), targetHost.filter(target), () -> {
                    if (target.probeable()) {
                        String hostHeader = (host.contains(":") ? "[" + host + "]" : host)
                                + (url.getPort() > 0 && url.getPort() != (https ? 443 : 80) ? ":" + url.getPort() : "");
                        String sni = Addresses.literal(host) == null ? host : null;
                        ServiceTarget st = new ServiceTarget(url.toString(), target.address(), target.route(),
                                hostHeader, path(url), https, sni);
                        try {
                            HttpFetchProbe probe = new HttpFetchProbe(certificates.withWarnDays(request.warnDays()),
                                    captureRun.settings().maxBody());
                            var fetch = runner.submit(probe, st, request.timeout());
                            measure.startAfter(fetch);
                            result[0] = fetch.join().result();
                        } catch (RuntimeException e) {
                            problem[0] = Overran.problem(e);
                        }
                    }
                    if (!target.probeable()) {
                        measure.startAfter(null);
                    }
                    measure.await(result[0] == null || result[0].exchange() == null
                            || result[0].exchange().response() == null || result[0].exchange().response().isServerError());
                });
        HttpFetchResult r = result[0];
        TargetHost.Measured hostAnswers = measure.collect(captured);
        ConnectAttempt attempt = ConnectAttempt.of(target, r == null ? null : r.connect(), problem[0], captured)
                .measured(hostAnswers.evidence());
        captures.add(captured);
        selections.add(hostAnswers.with(attempt.flow()));
        echoes.addAll(hostAnswers.frames());
        TlsObservation tls = r == null || r.tls() == null ? null
                : new TlsObservation(host + ":" + port(url), r.tls(), attempt.wire());
        URI location = null;
        boolean crossHost = false;
        HttpResponseSummary response = r == null || r.exchange() == null ? null : r.exchange().response();
        if (response != null && REDIRECTS.contains(response.status())) {
            location = response.header("Location").map(l -> resolve(url, l)).orElse(null);
            crossHost = location != null && location.getHost() != null
                    && !location.getHost().equalsIgnoreCase(url.getHost());
        }
        Duration resolve = target.resolution() == null ? null : target.resolution().elapsed();
        HttpTimings timings = new HttpTimings(resolve, r == null || r.connect() == null ? null : r.connect().elapsed(),
                r == null || r.tls() == null ? null : r.tls().elapsed(),
                r == null || r.exchange() == null ? null : r.exchange().firstByte(), r == null ? null : r.transfer(),
                runner.ticker().since(t0));
        return new HttpHop(url, attempt, tls, r == null ? null : r.exchange(), r == null ? 0 : r.bodyBytes(),
                r != null && r.bodyComplete(), timings, location, crossHost);
    }

    static URI resolve(URI base, String location) {
        try {
            return base.resolve(location.trim()).normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why a redirect target cannot be followed, null when it can. */
    static String unsupported(URI u) {
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "only http and https are followed";
        }
        if (u.getHost() == null) {
            return "no host in the URL";
        }
        if (u.getRawUserInfo() != null) {
            return "URLs with credentials are not followed";
        }
        return null;
    }

    static String host(URI u) {
        String h = u.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    static String path(URI u) {
        String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
    }
}
