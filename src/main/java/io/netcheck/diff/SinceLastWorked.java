package io.netcheck.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netcheck.render.JsonRenderer;
import io.netcheck.report.Fact;
import io.netcheck.report.Report;
import io.netcheck.report.Step;
import io.netcheck.report.StepStatus;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Verdict;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps each target's last healthy report and, when a check fails, says what changed since: a step listing every
 * change (the thread and the terminal show it), and a sentence in the verdict's explanation naming the first
 * suspect. The verdict itself (cause, team, rule, confidence) stays the rules': a change that coincides with the
 * outage is a suspect, not a proof, and when the evidence points elsewhere the change is named second.
 */
public final class SinceLastWorked {
    /** The step's machine name. */
    public static final String STEP = "since-last-worked";
    private static final Logger LOG = Logger.getLogger(SinceLastWorked.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Baselines baselines;
    private final ZoneId zone;

    public SinceLastWorked(Baselines baselines, ZoneId zone) {
        this.baselines = baselines;
        this.zone = zone.equals(ZoneOffset.UTC) ? ZoneId.of("UTC") : zone;
    }

    /** What a baseline is kept under: the command's kind and its target ({@code vip app.svc.test:443}). */
    public static String target(Report report) {
        String command = report.command();
        int space = command.indexOf(' ');
        return (space < 0 ? command : command.substring(0, space)) + " " + report.target();
    }

    /**
     * A healthy report becomes its target's baseline and is returned as it is; a failing one is compared with the
     * baseline. Without one, the report is returned unchanged, or with a step saying so when {@code asked}
     * (--compare).
     */
    public Report note(Report report, boolean asked) {
        String target = target(report);
        if (report.healthy()) {
            baselines.keep(target, new Baseline(report.startedAt(), new JsonRenderer().render(report)));
            return asked ? withStep(report, new Step(STEP, "What changed since it last worked?", StepStatus.PASS,
                    "KEPT", "healthy: kept as the result later runs of " + report.target() + " are compared with",
                    List.of(), List.of(), List.of())) : report;
        }
        Optional<Baseline> last = baselines.last(target);
        if (last.isEmpty()) {
            return asked ? withStep(report, new Step(STEP, "What changed since it last worked?", StepStatus.SKIPPED,
                    "NO_BASELINE", "no healthy result of " + report.target() + " is kept yet to compare with",
                    List.of(), List.of(), List.of())) : report;
        }
        List<Change> changes;
        try {
            changes = ReportDiff.between(JSON.readTree(last.get().json()), JSON.readTree(new JsonRenderer().render(report)));
        } catch (JsonProcessingException e) {
            LOG.warnf("the kept healthy report of %s is not JSON (%s): not compared", target, e.getOriginalMessage());
            return report;
        }
        return annotate(report, last.get().at(), changes);
    }

    /** The one-line "what changed" of an annotated report, for an alert's first line; empty when nothing did. */
    public static Optional<String> line(Report report) {
        return report.steps().stream().filter(s -> s.name().equals(STEP) && s.status() == StepStatus.WARN)
                .map(Step::summary).findFirst();
    }

    Report annotate(Report report, Instant lastWorked, List<Change> changes) {
        String when = "since it last worked at " + time(lastWorked, report.startedAt());
        Verdict v = report.verdict();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("last worked", time(lastWorked, report.startedAt())));
        String sentence;
        Step step;
        if (changes.isEmpty()) {
            sentence = "Nothing netcheck compares (DNS answers, certificate, distance, handshake, load balancer, real "
                    + "servers, path) changed " + when + ".";
            step = new Step(STEP, "What changed since it last worked?", StepStatus.PASS, "NO_CHANGE",
                    "nothing netcheck compares changed " + when, facts, List.of(), List.of());
        } else {
            Change first = changes.get(0);
            boolean consistent = first.aspect().explains(v.cause().name()) || v.confidence() != Confidence.HIGH;
            sentence = consistent ? "First suspect, " + when + ": " + first.text() + "."
                    : "Also " + when + ": " + first.text() + "; the evidence above points elsewhere, so it is the "
                    + "second suspect.";
            for (int i = 0; i < changes.size(); i++) {
                facts.add(new Fact(i == 0 && consistent ? "first suspect" : "changed", changes.get(i).text()));
            }
            step = new Step(STEP, "What changed since it last worked?", StepStatus.WARN, changes.size() + " CHANGED",
                    when + ": " + first.text(), facts, List.of(), List.of());
        }
        Verdict noted = new Verdict(v.cause(), v.team(), v.teamName(), v.slackGroup(), v.confidence(), v.rule(),
                v.summary(), v.explanation() + " " + sentence, v.nextSteps(), v.signals());
        Report withVerdict = new Report(report.command(), report.target(), report.startedAt(), report.elapsed(), noted,
                report.steps(), report.capture(), report.evidence());
        return withStep(withVerdict, step);
    }

    private static Report withStep(Report r, Step step) {
        List<Step> steps = new ArrayList<>(r.steps());
        steps.add(step);
        return new Report(r.command(), r.target(), r.startedAt(), r.elapsed(), r.verdict(), steps, r.capture(),
                r.evidence());
    }

    /** {@code 09:12 UTC} the same day, {@code 2026-12-02 09:12 UTC} before. */
    String time(Instant at, Instant now) {
        boolean sameDay = at.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return DateTimeFormatter.ofPattern(sameDay ? "HH:mm z" : "yyyy-MM-dd HH:mm z").format(at.atZone(zone));
    }
}
