package io.netcheck.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness follows the watch store as the scheduler last saw it (at boot and every tick), so a probe never
 * waits on a slow database. Down while it is unreachable: watches, summaries and watch commands wait then,
 * though interactive checks keep working.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {
    @Inject
    WatchScheduler scheduler;

    @Override
    public HealthCheckResponse call() {
        if (!scheduler.enabled()) {
            return HealthCheckResponse.named("store").up().withData("enabled", false).build();
        }
        String problem = scheduler.storeProblem();
        var response = HealthCheckResponse.named("store").status(problem == null)
                .withData("store", scheduler.storeDescription()).withData("backlog", scheduler.backlog());
        if (problem != null) {
            response.withData("problem", problem);
        }
        return response.build();
    }
}
