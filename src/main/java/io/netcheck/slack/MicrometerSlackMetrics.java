package io.netcheck.slack;

import io.micrometer.core.instrument.MeterRegistry;

/** Slack API calls by method and outcome, and refused commands by reason, for Prometheus. */
final class MicrometerSlackMetrics implements SlackMetrics {
    private final MeterRegistry registry;

    MicrometerSlackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void call(String method, String outcome) {
        registry.counter("netcheck.slack.api.calls", "method", method, "outcome", outcome == null ? "unknown" : outcome)
                .increment();
    }

    @Override
    public void rejected(Refusal.Kind kind) {
        registry.counter("netcheck.slack.rejected", "reason", kind.tag).increment();
    }
}
