package io.netcheck.verdict.http;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Evidence;
import io.netcheck.verdict.Attempts;
import io.netcheck.verdict.Rules;

import static io.netcheck.verdict.Rules.cites;
import static io.netcheck.verdict.Rules.fires;
import static io.netcheck.verdict.Rules.rests;
import static io.netcheck.verdict.Rules.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.capture.WireFacts;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.HttpCheckRequest;
import io.netcheck.check.HttpEvidence;
import io.netcheck.check.HttpHop;
import io.netcheck.check.HttpTimings;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.PathMtu;
import io.netcheck.probe.BodyEnd;
import io.netcheck.probe.ExchangeOutcome;
import io.netcheck.probe.HttpResponseSummary;
import io.netcheck.probe.raw.MtuAttempt;
import io.netcheck.probe.ExchangeResult;
import io.netcheck.probe.LbSignature;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class HttpRulesTest {
    static final HttpTimings T = new HttpTimings(Duration.ofMillis(1), Duration.ofMillis(1), null, Duration.ofMillis(2),
            Duration.ofMillis(1), Duration.ofMillis(5));
    static final CaptureSummary CAPTURE = new CaptureSummary(true, null, List.of("eth0"), "", 128, 9, 0, null);

    public static HttpHop hop(String url, ConnectAttempt a, ExchangeResult ex, String location) {
        URI u = URI.create(url);
        URI loc = location == null ? null : URI.create(location);
        return new HttpHop(u, a, null, ex, 10, true, T, loc, loc != null && !loc.getHost().equals(u.getHost()));
    }

    public static HttpEvidence evidence(String stopped, HttpHop... hops) {
        return new HttpEvidence(new HttpCheckRequest(hops[0].url(), Duration.ofSeconds(3), false, 14, true, null),
                Instant.parse("2026-11-22T04:00:00Z"), Duration.ofMillis(9), List.of(hops), stopped, CAPTURE);
    }

    public static final ConnectAttempt UP = Attempts.connected("203.0.113.10:80", 63);

    @Test
    void aFailedConnectIsJudgedByTheConnectRules() {
        HttpEvidence e = evidence(null, hop("http://203.0.113.10/", Attempts.timeout("203.0.113.10:80"), null, null));
        assertEquals("silent-drop", Rules.decidingRule(HttpRules.HTTP, e));
    }

    @Test
    void connectedButNoAnswer() {
        ExchangeResult closed = new ExchangeResult(ExchangeOutcome.CLOSED, "GET / HTTP/1.1", null, null,
                Duration.ofMillis(1), "closed by peer without a response");
        Finding f = fires(new HttpNoResponse(), evidence(null, hop("http://203.0.113.10/", UP, closed, null)),
                Cause.APP_ERROR);
        cites(f, "accepts connections but does not answer HTTP", "closed (FIN) without a response");
    }

    @Test
    void aRedirectLoop() {
        HttpHop h = hop("http://203.0.113.10/loop", UP, Evidence.response(200, "nginx", null), "http://203.0.113.10/loop");
        Finding f = fires(new HttpTooManyRedirects(), evidence("more than 5 redirects: stopped at http://203.0.113.10/loop",
                h), Cause.APP_ERROR);
        cites(f, "redirect loop", "X-Forwarded-Proto");
        rests(f, Confidence.MEDIUM, 1, "GET http://203.0.113.10/loop → 200");
        // A real loop: six requests, each answered with a redirect; each answer is its own observation.
        HttpHop[] loop = new HttpHop[6];
        for (int i = 0; i < loop.length; i++) {
            loop[i] = hop("http://203.0.113.10/loop", UP, Evidence.response(302, "nginx", null), "http://203.0.113.10/loop");
        }
        Finding six = fires(new HttpTooManyRedirects(), evidence("more than 5 redirects: stopped at "
                + "http://203.0.113.10/loop", loop), Cause.APP_ERROR);
        rests(six, Confidence.HIGH, 3, "→ Location http://203.0.113.10/loop");
    }

    @Test
    void aLoadBalancerPageBlamesTheServersBehindIt() {
        var page = Evidence.response(503, null, new LbSignature("HAProxy", "no server available in the backend",
                "body: \"No server is available to handle this request.\""));
        HttpEvidence e = evidence(null, hop("http://203.0.113.10/", UP, page, null));
        Finding f = fires(new HttpLbErrorPage(), e, Cause.BACKENDS_DOWN);
        cites(f, "HAProxy in front of 203.0.113.10 answers 503 itself", "no server available");
        assertEquals("http-lb-error-page", Rules.decidingRule(HttpRules.HTTP, e));
    }

    @Test
    void applicationErrors() {
        Finding error = fires(new HttpErrorStatus(), evidence(null, hop("http://203.0.113.10/", UP,
                Evidence.response(500, "gunicorn", null), null)), Cause.APP_ERROR);
        rests(error, Confidence.MEDIUM, 1, "GET http://203.0.113.10/ → 500");
        // The target host itself accepted the connection (its SYN-ACK matches its echo and second port).
        Finding fromHost = fires(new HttpErrorStatus(), evidence(null, hop("http://203.0.113.10/",
                Attempts.measured(UP, 63, 63), Evidence.response(500, "gunicorn", null), null)), Cause.APP_ERROR);
        rests(fromHost, Confidence.HIGH, 2, "the target host itself accepted the connection: the SYN-ACK on "
                + "203.0.113.10:80 (TTL 63, 1 hop away) matches the target host's own echo reply");
        Finding notFound = fires(new HttpErrorStatus(), evidence(null, hop("http://203.0.113.10/x", UP,
                Evidence.response(404, "nginx", null), null)), Cause.APP_ERROR);
        assertEquals(Confidence.MEDIUM, notFound.confidence());
        silent(new HttpErrorStatus(), evidence(null, hop("http://203.0.113.10/", UP, Evidence.response(200, "nginx", null),
                null)));
    }

    public static ExchangeResult stalledBody() {
        return new ExchangeResult(ExchangeOutcome.BODY_STALLED, "GET /big HTTP/1.1", new HttpResponseSummary("HTTP/1.1",
                200, "OK", List.of(), null, null), Duration.ofMillis(1), Duration.ofSeconds(3),
                "body stalled: 0 of 102400 body bytes by the deadline, nothing for the last 2999 ms", Duration.ofMillis(1),
                0, BodyEnd.STALLED);
    }

    public static HttpEvidence withPathMtu(HttpEvidence e, PathMtu m) {
        return new HttpEvidence(e.request(), e.startedAt(), e.elapsed(), e.hops(), e.stopped(), e.capture(), m);
    }

    @Test
    void aStalledBodyIsNeverOkAndBlamesTheServerOnlyWhenThePathIsFine() {
        HttpEvidence e = evidence(null, hop("http://203.0.113.10/big", UP, stalledBody(), null));
        assertEquals("http-body-stalls", Rules.decidingRule(HttpRules.HTTP, e));
        silent(new HttpOk(), e);
        silent(new HttpNoResponse(), e);
        Finding unmeasured = fires(new HttpBodyStalls(), e, Cause.APP_ERROR);
        assertEquals(Confidence.LOW, unmeasured.confidence());
        cites(unmeasured, "200 OK", "then the body stalled (0 of 102400 body bytes");
        org.junit.jupiter.api.Assertions.assertTrue(unmeasured.nextSteps().stream()
                .anyMatch(s -> s.equals("netcheck mtu 203.0.113.10 to rule out a path MTU black hole")));
        var full = Evidence.mtu("203.0.113.10", MtuAttempt.answered(1500, Duration.ofMillis(1),
                Evidence.ip("203.0.113.10")), MtuAttempt.answered(576, Duration.ofMillis(1), Evidence.ip("203.0.113.10")));
        Finding measured = fires(new HttpBodyStalls(), withPathMtu(e, Evidence.pathMtu("203.0.113.10", full,
                "203.0.113.10:80")), Cause.APP_ERROR);
        assertEquals(Confidence.MEDIUM, measured.confidence());
        cites(measured, "full-size packets pass, so the sender stopped sending");
    }

    @Test
    void aBlackHoleBehindTheStallIsTheNetworks() {
        HttpEvidence stalled = withPathMtu(evidence(null, hop("http://203.0.113.10/big", UP, stalledBody(), null)),
                Evidence.pathMtu("203.0.113.10", Evidence.blackHole1280("203.0.113.10"), "203.0.113.10:80"));
        assertEquals("http-path-mtu-black-hole", Rules.decidingRule(HttpRules.HTTP, stalled));
        Finding f = fires(new HttpPathMtuBlackHole(), stalled, Cause.ROUTING);
        cites(f, "1280-byte packets pass", "1281-byte packets are lost", "The server is not at fault");
        ExchangeResult silence = new ExchangeResult(ExchangeOutcome.NO_RESPONSE, "GET /big HTTP/1.1", null, null,
                Duration.ofSeconds(3), "no response before the deadline");
        HttpEvidence silent = withPathMtu(evidence(null, hop("http://203.0.113.10/big", UP, silence, null)),
                Evidence.pathMtu("203.0.113.10", Evidence.blackHole1280("203.0.113.10"), "203.0.113.10:80"));
        assertEquals("http-path-mtu-black-hole", Rules.decidingRule(HttpRules.HTTP, silent));
        // No black hole: the silence stays the application's.
        assertEquals("http-no-response", Rules.decidingRule(HttpRules.HTTP, evidence(null,
                hop("http://203.0.113.10/big", UP, silence, null))));
    }

    @Test
    void okSaysWhenTheChainLeftTheHost() {
        HttpHop first = hop("http://203.0.113.10/", UP, Evidence.response(200, "nginx", null), "http://b1.lab.test/");
        HttpHop second = hop("http://b1.lab.test/", Attempts.connected("203.0.113.130:80", 62),
                Evidence.response(200, "nginx", null), null);
        Finding f = fires(new HttpOk(), evidence(null, first, second), Cause.HEALTHY);
        cites(f, "answers 200 after 1 redirect", "NOTE: the chain left 203.0.113.10 for b1.lab.test");
        rests(f, Confidence.MEDIUM, 1, "GET http://b1.lab.test/ → 200");
    }

    @Test
    void okRestsOnTheResponseAndTheBytesOnTheWire() {
        ConnectAttempt answered = Attempts.attempt("203.0.113.10:80", io.netcheck.probe.ConnectOutcome.CONNECTED, null,
                new WireFacts(7, 1, true, 63, 65160, 1460, false, null, null, false, true, 312, 78, null));
        Finding f = fires(new HttpOk(), evidence(null, hop("http://203.0.113.10/", answered,
                Evidence.response(200, "nginx", null), null)), Cause.HEALTHY);
        rests(f, Confidence.HIGH, 2, "GET http://203.0.113.10/ → 200", "on the wire: 312 bytes from 203.0.113.10");
    }
}
