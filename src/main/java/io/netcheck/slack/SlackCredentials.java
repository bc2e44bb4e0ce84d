package io.netcheck.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Slack secrets and endpoint. Set them in the environment — SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET,
 * SLACK_APP_TOKEN, SLACK_API_URL (these are the environment names of the keys below) — never in a file
 * that is committed. None is needed for the CLI.
 */
@ConfigMapping(prefix = "slack")
public interface SlackCredentials {
    /** Bot token (xoxb-…): posts, updates, uploads. */
    Optional<String> botToken();

    /** Verifies HTTP-mode requests (v0 HMAC). */
    Optional<String> signingSecret();

    /** App-level token (xapp-…) for Socket Mode. */
    Optional<String> appToken();

    /** Web API base URL, ending in /; Slack's by default. Gateways (GovSlack) and tests change it. */
    @WithDefault("https://slack.com/api/")
    String apiUrl();
}
