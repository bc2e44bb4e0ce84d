package io.netcheck.schedule;

import io.netcheck.config.NetcheckConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts and stops the watch scheduler with the application when the store is on. Kept apart from the
 * scheduler so the CLI (store off) does not build the scheduler, the store or the database driver at all.
 */
@ApplicationScoped
class WatchLifecycle {
    @Inject
    NetcheckConfig config;
    @Inject
    WatchScheduler scheduler; // a client proxy: nothing is built until it is called

    void start(@Observes StartupEvent event) {
        if (config.store().enabled()) {
            scheduler.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (config.store().enabled()) {
            scheduler.stop();
        }
    }
}
