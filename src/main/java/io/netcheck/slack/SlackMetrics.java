package io.netcheck.slack;

/** What the Slack layer reports about itself; a no-op until metrics are wired to Prometheus. */
interface SlackMetrics {
    SlackMetrics NONE = new SlackMetrics() {
    };

    default void call(String method, String outcome) {
    }

    default void rejected(Refusal.Kind kind) {
    }
}
