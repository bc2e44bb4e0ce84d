package io.netcheck.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.VipEvidence;
import io.netcheck.report.Report;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Prometheus metrics of the checks themselves, whoever asked for them: checks run by command and cause,
 * how long they took, and how long each probe of a VIP check took.
 */
@ApplicationScoped
public class CheckMetrics {
    @Inject
    MeterRegistry registry;

    public void finished(Report report) {
        String command = report.command().split(" ", 2)[0];
        String cause = report.verdict().cause().name();
        registry.counter("netcheck.checks", "command", command, "cause", cause, "team", report.verdict().team())
                .increment();
        Timer.builder("netcheck.check.duration").tag("command", command).publishPercentileHistogram()
                .register(registry).record(report.elapsed());
        if (report.evidence() instanceof VipEvidence vip) {
            probe("vip", vip.vip());
            vip.backends().forEach(b -> probe("backend", b));
        }
    }

    private void probe(String role, EndpointEvidence e) {
        Timer.builder("netcheck.probe.duration").tag("role", role).tag("state", e.state().name())
                .register(registry).record(e.elapsed());
    }
}
