package io.netcheck.slack;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness follows the Slack connection: a bot that cannot hear commands should not receive traffic. */
@Readiness
@ApplicationScoped
public class SlackReadiness implements HealthCheck {
    @Inject
    SlackBot bot;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("slack").status(bot.ready()).withData("mode", bot.mode().name());
        if (bot.problem() != null) {
            response.withData("problem", bot.problem());
        }
        return response.build();
    }
}
