package io.netcheck.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import io.netcheck.verdict.ReportFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinceLastWorkedTest {
    /** Baselines in a map, as the store and the directory keep them. */
    static final class InMemory implements Baselines {
        final Map<String, Baseline> kept = new HashMap<>();

        @Override
        public Optional<Baseline> last(String target) {
            return Optional.ofNullable(kept.get(target));
        }

        @Override
        public void keep(String target, Baseline baseline) {
            kept.put(target, baseline);
        }
    }

    final InMemory baselines = new InMemory();
    final SinceLastWorked lastWorked = new SinceLastWorked(baselines, ZoneOffset.UTC);

    static Step step(Report r) {
        return r.steps().get(r.steps().size() - 1);
    }

    @Test
    void aHealthyRunIsKeptAndAFailingOneNamesTheChangeAsFirstSuspect() {
        Report healthy = ReportFixtures.vipHealthyTls();
        assertSame(healthy, lastWorked.note(healthy, false), "a healthy run is not changed");
        assertEquals(List.of("vip 203.0.113.10:443"), List.copyOf(baselines.kept.keySet()));

        Report expired = ReportFixtures.vipExpiredCertificate();
        Report noted = lastWorked.note(expired, false);
        assertEquals(expired.verdict().cause(), noted.verdict().cause(), "the rules' verdict stands");
        assertEquals(expired.verdict().rule(), noted.verdict().rule());
        assertEquals(expired.verdict().confidence(), noted.verdict().confidence());
        Step s = step(noted);
        assertEquals(SinceLastWorked.STEP, s.name());
        assertEquals(StepStatus.WARN, s.status());
        String line = "since it last worked at 04:00 UTC: the certificate of 203.0.113.10:443 changed: valid until "
                + "2026-11-01T00:00:00Z, was 2027-02-01T00:00:00Z; valid from 2025-08-01T00:00:00Z, was "
                + "2026-11-01T00:00:00Z; serial 2a, was 1f";
        assertEquals(Optional.of(line), SinceLastWorked.line(noted));
        assertEquals("first suspect", s.facts().get(1).label());
        assertTrue(noted.verdict().explanation().startsWith(expired.verdict().explanation() + " First suspect, since it "
                + "last worked at 04:00 UTC: the certificate of 203.0.113.10:443 changed"), noted.verdict().explanation());
        assertEquals(List.of("vip 203.0.113.10:443"), List.copyOf(baselines.kept.keySet()),
                "a failing run does not replace the baseline");
        String text = new io.netcheck.render.TextRenderer(ZoneOffset.UTC).render(noted);
        assertTrue(text.contains("[4] What changed since it last worked?  WARN  1 CHANGED"), text);
        assertTrue(text.contains("first suspect: the certificate of 203.0.113.10:443 changed"), text);
    }

    @Test
    void aChangeTheEvidenceDoesNotPointAtStaysTheSecondSuspect() {
        Report forged = ReportFixtures.all().get("tcp-forged"); // FIREWALL_REJECT at HIGH confidence
        Report noted = lastWorked.annotate(forged, Instant.parse("2026-11-21T23:10:00Z"), List.of(new Change(
                Aspect.CERTIFICATE, "203.0.113.10:443", List.of(new Change.Field("serial", "1f", "2a")))));
        assertEquals(forged.verdict().cause(), noted.verdict().cause());
        assertTrue(noted.verdict().explanation().endsWith(" Also since it last worked at 2026-11-21 23:10 UTC: the "
                + "certificate of 203.0.113.10:443 changed: serial 2a, was 1f; the evidence above points elsewhere, so "
                + "it is the second suspect."), noted.verdict().explanation());
        assertEquals("changed", step(noted).facts().get(1).label());
    }

    @Test
    void nothingChangedIsSaidToo() {
        lastWorked.note(ReportFixtures.tcp("203.0.113.130:80", 62, true), false);
        Report refused = lastWorked.note(ReportFixtures.tcp("203.0.113.130:80", 62, false), false);
        assertEquals(StepStatus.PASS, step(refused).status());
        assertEquals("NO_CHANGE", step(refused).outcome());
        assertEquals(Optional.empty(), SinceLastWorked.line(refused));
        assertTrue(refused.verdict().explanation().endsWith("changed since it last worked at 04:00 UTC."));
    }

    @Test
    void compareWithoutABaselineSaysSoAndWithoutAskingAddsNothing() {
        Report refused = ReportFixtures.tcp("203.0.113.130:80", 62, false);
        assertSame(refused, lastWorked.note(refused, false));
        Step s = step(lastWorked.note(refused, true));
        assertEquals("NO_BASELINE", s.outcome());
        assertEquals(StepStatus.SKIPPED, s.status());
    }

    @Test
    void theCliKeepsBaselinesInADirectoryBounded(@TempDir Path dir) throws Exception {
        FileBaselines files = new FileBaselines(dir);
        Instant at = Instant.parse("2026-11-22T04:00:00Z");
        files.keep("vip a:443", new Baseline(at, "{\"a\":1}"));
        files.keep("vip a:443", new Baseline(at.plusSeconds(60), "{\"a\":2}"));
        assertEquals(Optional.of(new Baseline(at.plusSeconds(60), "{\"a\":2}")), files.last("vip a:443"));
        assertEquals(Optional.empty(), files.last("vip b:443"));
        for (int i = 0; i < FileBaselines.KEPT + 3; i++) {
            files.keep("tcp t" + i + ":80", new Baseline(at.plusSeconds(120 + i), "{}"));
        }
        try (var s = Files.list(dir)) {
            assertEquals(FileBaselines.KEPT, s.count());
        }
        assertEquals(Optional.empty(), files.last("vip a:443"), "the oldest went first");
        assertTrue(files.last("tcp t" + (FileBaselines.KEPT + 2) + ":80").isPresent());
    }
}
