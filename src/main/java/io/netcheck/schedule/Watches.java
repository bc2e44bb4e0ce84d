package io.netcheck.schedule;

import io.netcheck.command.Command;
import io.netcheck.command.Cron;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.SummarySchedule;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** What the watch and summary commands do to a channel's watches and schedule; front ends word the answers. */
@ApplicationScoped
public class Watches {
    @Inject
    WatchStore store;
    @Inject
    NetcheckConfig config;
    @Inject
    SummaryBuilder summaries;
    @Inject
    @WatchTime
    Clock clock;

    public sealed interface Added {
    }

    public record Created(Watch watch) implements Added {
    }

    public record NameTaken(Watch existing) implements Added {
    }

    public record ChannelFull(int limit) implements Added {
    }

    public enum Removed {
        REMOVED, NOT_FOUND, CONFIGURED
    }

    public boolean enabled() {
        return config.store().enabled();
    }

    public Added add(String channel, String user, Command.WatchAdd command) throws StoreUnavailable {
        Optional<Watch> existing = store.find(channel, command.name());
        if (existing.isPresent()) {
            return new NameTaken(existing.get());
        }
        int limit = config.watch().maxPerChannel();
        if (store.watches(channel).size() >= limit) {
            return new ChannelFull(limit);
        }
        return store.add(channel, command.name(), command.check(), command.every(), Watch.SLACK, user, clock.instant())
                .<Added>map(Created::new)
                .orElseGet(() -> new NameTaken(null));
    }

    public List<Watch> list(String channel) throws StoreUnavailable {
        return store.watches(channel);
    }

    public Removed remove(String channel, String name) throws StoreUnavailable {
        Optional<Watch> w = store.find(channel, name);
        if (w.isEmpty()) {
            return Removed.NOT_FOUND;
        }
        if (Watch.CONFIG.equals(w.get().source())) {
            return Removed.CONFIGURED;
        }
        return store.remove(w.get().id()) ? Removed.REMOVED : Removed.NOT_FOUND;
    }

    public HealthSummary summary(String channel) throws StoreUnavailable {
        return summaries.build(channel, clock.instant(), null, false);
    }

    /** The channel's current schedule, if any. */
    public Optional<SummarySchedule> schedule(String channel) throws StoreUnavailable {
        return store.schedules().stream().filter(s -> s.channel().equals(channel)).findFirst();
    }

    /**
     * Sets (cron non-null) or removes the channel's summary schedule. A schedule set from Slack replaces one
     * from configuration until the next restart re-applies the configuration.
     */
    public boolean schedule(String channel, Cron cron) throws StoreUnavailable {
        if (cron == null) {
            return store.unschedule(channel);
        }
        store.schedule(channel, cron.text(), Watch.SLACK, clock.instant());
        return true;
    }
}
