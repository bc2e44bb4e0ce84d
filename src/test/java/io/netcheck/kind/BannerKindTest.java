package io.netcheck.kind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.BannerCheck;
import io.netcheck.check.BannerEvidence;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.HostPort;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.command.UsageException;
import io.netcheck.render.JsonRenderer;
import io.netcheck.render.TextRenderer;
import io.netcheck.report.Report;
import io.netcheck.verdict.Attempts;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.Verdict;
import io.netcheck.verdict.VerdictEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** banner: grammar, rules and report, the way every kind is tested. */
class BannerKindTest {
    private final CommandParser parser = CheckKinds.parser(Limits.DEFAULTS);
    private final BannerKind kind = new BannerKind();

    private BannerCheck.Request request(String line) throws UsageException {
        Command.Check<?> c = (Command.Check<?>) parser.parse(List.of(line.split(" ")));
        return (BannerCheck.Request) c.request();
    }

    @Test
    void grammar() throws UsageException {
        BannerCheck.Request r = request("banner mail.internal:25");
        assertEquals(new HostPort("mail.internal", 25), r.target());
        assertEquals(Duration.ofSeconds(2), r.waitFor());
        assertEquals(Duration.ofSeconds(3), r.timeout());
        assertTrue(r.capture());
        assertEquals(Duration.ofMillis(500), request("banner 10.0.0.5:22 --wait 500ms --no-capture").waitFor());
        assertEquals(List.of(new HostPort("10.0.0.5", 22)), kind.targets(request("banner 10.0.0.5:22")));
        UsageException e = assertThrows(UsageException.class, () -> request("banner 10.0.0.5"));
        assertTrue(e.getMessage().contains("missing port"), e.getMessage());
        assertTrue(e.usage().startsWith("usage: banner"));
        assertThrows(UsageException.class, () -> request("banner 10.0.0.5:22 --wait 2h"));
        assertTrue(parser.usage().contains("banner HOST:PORT"));
    }

    private static BannerEvidence evidence(ConnectAttempt a, String banner, BannerEvidence.End end) {
        return new BannerEvidence(new BannerCheck.Request(a.target(), Duration.ofSeconds(3), Duration.ofSeconds(2),
                true, null), Instant.parse("2026-12-03T22:00:00Z"), Duration.ofMillis(40), a, banner,
                banner == null ? 0 : banner.length() + 2, banner == null ? null : Duration.ofMillis(12), end,
                new CaptureSummary(true, null, List.of("lo"), "tcp", 128, 3, 0, null));
    }

    private Verdict decide(BannerEvidence e) {
        return new VerdictEngine(TeamDirectory.defaults()).decide(kind.rules(), e, kind.capture(e), kind::unmatched);
    }

    @Test
    void aGreetingIsHealthyAndShown() {
        BannerEvidence e = evidence(Attempts.connected("203.0.113.10:22", 62), "SSH-2.0-OpenSSH_9.6",
                BannerEvidence.End.LINE);
        Verdict v = decide(e);
        assertEquals("banner-said", v.rule());
        assertEquals(Cause.HEALTHY, v.cause());
        assertTrue(v.summary().contains("SSH-2.0-OpenSSH_9.6"), v.summary());
        Report report = kind.report(e, v);
        String text = new TextRenderer(ZoneOffset.UTC).render(report);
        assertTrue(text.contains("SSH-2.0-OpenSSH_9.6"), text);
        String json = new JsonRenderer().render(report);
        assertTrue(json.contains("\"banner\" : \"SSH-2.0-OpenSSH_9.6\""), json);
    }

    @Test
    void silenceIsAnApplicationProblemOfLowConfidence() {
        Verdict v = decide(evidence(Attempts.connected("203.0.113.10:25", 62), null, BannerEvidence.End.SILENCE));
        assertEquals("banner-silent", v.rule());
        assertEquals(Cause.APP_ERROR, v.cause());
        assertEquals(Confidence.LOW, v.confidence());
        assertTrue(v.summary().contains("said nothing within 2.0 s"), v.summary());
    }

    @Test
    void hangingUpWithoutAWordIsSaidSo() {
        Verdict v = decide(evidence(Attempts.connected("203.0.113.10:25", 62), null, BannerEvidence.End.CLOSED));
        assertEquals("banner-silent", v.rule());
        assertTrue(v.summary().contains("hung up without a word"), v.summary());
    }

    @Test
    void aFailedConnectIsJudgedByTheConnectRules() {
        Verdict v = decide(evidence(Attempts.refused("203.0.113.10:25", 62), null, null));
        assertEquals("nothing-listens", v.rule());
    }
}
