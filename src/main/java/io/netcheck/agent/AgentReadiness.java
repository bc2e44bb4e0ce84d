package io.netcheck.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Agents are optional: readiness is always UP here, and says how many are connected and who. */
@Readiness
@ApplicationScoped
public class AgentReadiness implements HealthCheck {
    @Inject
    AgentRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("agents").up().withData("connected", registry.connectedCount())
                .withData("names", String.join(",", registry.agents().stream().map(AgentInfo::name).toList()))
                .build();
    }
}
