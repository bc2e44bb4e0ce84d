package io.netcheck.schedule;

import io.netcheck.config.CheckWiring;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.store.WatchStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The scheduler's own beans, kept here so that config/ never depends on schedule/ (no package cycle). */
@ApplicationScoped
public class ScheduleBeans {
    /** The clock watches and summaries are scheduled by; tests replace it to move time by days. */
    @Produces
    @DefaultBean
    @Singleton
    @WatchTime
    Clock watchClock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SummaryBuilder summaries(WatchStore store, NetcheckConfig config) {
        return new SummaryBuilder(store, CheckWiring.teams(config), config.summary().window(), config.summary().slots());
    }
}
