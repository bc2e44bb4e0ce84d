package io.netcheck.slack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/** Starts the fake Slack before Quarkus boots and points the app at it (HTTP mode). */
public class SlackTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String SIGNING_SECRET = "test-signing-secret";
    /** The bot's limit on one Slack HTTP call in these tests (netcheck.slack.http-timeout). */
    public static final java.time.Duration HTTP_TIMEOUT = java.time.Duration.ofSeconds(2);
    static volatile FakeSlack fake;

    @Override
    public Map<String, String> start() {
        try {
            fake = new FakeSlack();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("slack.api-url", fake.apiUrl());
        config.put("slack.bot-token", FakeSlack.BOT_TOKEN);
        config.put("slack.signing-secret", SIGNING_SECRET);
        config.put("netcheck.slack.mode", "http");
        config.put("netcheck.slack.retry-backoff", "50ms");
        config.put("netcheck.slack.http-timeout", HTTP_TIMEOUT.toMillis() + "ms");
        config.put("netcheck.slack.progress-interval", "100ms");
        config.put("netcheck.team.server.slack-group", "S0SERVERS");
        config.put("netcheck.capture.directory", "target/slack-test-pcaps");
        // The tests' targets live on loopback, which the default policy denies: deny metadata only.
        config.put("netcheck.policy.builtin-deny", "169.254.0.0/16,fd00:ec2::254/128");
        config.put("netcheck.auth.trace.groups", "S0NETOPS");
        config.put("netcheck.auth.trace.channels", "C0NETOPS");
        config.put("netcheck.watch.incident-channel", "C0INC");
        return config;
    }

    @Override
    public void stop() {
        try {
            fake.close();
        } catch (Exception ignored) {
            // test JVM is ending
        }
    }
}
