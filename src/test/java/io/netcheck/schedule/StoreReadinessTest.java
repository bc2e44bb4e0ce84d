package io.netcheck.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class StoreReadinessTest {
    static StoreReadiness readiness(boolean enabled, String problem) {
        StoreReadiness r = new StoreReadiness();
        r.scheduler = new WatchScheduler() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public String storeProblem() {
                return problem;
            }

            @Override
            public String storeDescription() {
                return "jdbc:postgresql://db/netcheck";
            }

            @Override
            public int backlog() {
                return 3;
            }
        };
        return r;
    }

    @Test
    void downWhileTheStoreIsUnreachableWithTheReasonAndBacklog() {
        HealthCheckResponse r = readiness(true, "store jdbc:postgresql://db/netcheck unavailable: Connection refused").call();
        assertEquals(HealthCheckResponse.Status.DOWN, r.getStatus());
        assertEquals("store jdbc:postgresql://db/netcheck unavailable: Connection refused",
                r.getData().orElseThrow().get("problem"));
        assertEquals(3L, ((Number) r.getData().orElseThrow().get("backlog")).longValue());
    }

    @Test
    void upWhenReachableOrDisabled() {
        assertEquals(HealthCheckResponse.Status.UP, readiness(true, null).call().getStatus());
        HealthCheckResponse off = readiness(false, "ignored").call();
        assertEquals(HealthCheckResponse.Status.UP, off.getStatus());
        assertEquals(false, off.getData().orElseThrow().get("enabled"));
    }
}
