package io.netcheck.schedule;

import java.util.Locale;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Cron;
import io.netcheck.command.DurationText;
import io.netcheck.command.UsageException;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.SummarySchedule;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps the store in step with the watches and summary schedules declared in configuration: adds new ones,
 * updates changed ones, removes those no longer declared. Slack-added ones are left alone.
 */
@ApplicationScoped
public class ConfiguredWatches {
    private static final Logger LOG = Logger.getLogger(ConfiguredWatches.class);

    @Inject
    NetcheckConfig config;
    @Inject
    WatchStore store;
    @Inject
    CommandParser parser;

    public void sync(Instant now) throws StoreUnavailable {
        Map<String, Watch> existing = new HashMap<>();
        for (Watch w : store.watches()) {
            if (Watch.CONFIG.equals(w.source())) {
                existing.put(w.channel() + "/" + w.name(), w);
            }
        }
        config.watches().forEach((rawName, declared) -> {
            String problem = problem(rawName, declared);
            if (problem != null) {
                LOG.errorf("netcheck.watches.\"%s\": %s; this watch is not run", rawName, problem);
            }
        });
        for (var e : config.watches().entrySet()) {
            var declared = e.getValue();
            if (problem(e.getKey(), declared) != null) {
                continue;
            }
            String name = e.getKey().toLowerCase(Locale.ROOT);
            String command = String.join(" ", WatchRunner.words(declared.command()));
            Duration every = declared.every().orElse(config.watch().defaultEvery());
            Watch current = existing.remove(declared.channel() + "/" + name);
            if (current == null) {
                Optional<Watch> added = store.add(declared.channel(), name, command, every, Watch.CONFIG, null, now);
                if (added.isEmpty()) {
                    LOG.errorf("netcheck.watches.\"%s\": channel %s already has a watch of that name added from Slack;"
                            + " remove one of them", name, declared.channel());
                }
            } else if (!current.command().equals(command) || !current.every().equals(every)) {
                store.update(current.id(), command, every);
            }
        }
        for (Watch gone : existing.values()) {
            store.remove(gone.id());
            LOG.infof("watch %s in %s is no longer configured: removed", gone.name(), gone.channel());
        }

        Map<String, SummarySchedule> schedules = new HashMap<>();
        for (SummarySchedule s : store.schedules()) {
            schedules.put(s.channel(), s);
        }
        List<NetcheckConfig.DeclaredSummary> declared = config.summaries().orElse(List.of());
        for (NetcheckConfig.DeclaredSummary d : declared) {
            String cron;
            try {
                cron = Cron.parse(d.cron()).text();
            } catch (IllegalArgumentException e) {
                LOG.errorf("netcheck.summaries for %s: %s; not scheduled", d.channel(), e.getMessage());
                continue;
            }
            SummarySchedule current = schedules.remove(d.channel());
            if (current == null || !current.cron().equals(cron) || !Watch.CONFIG.equals(current.source())) {
                store.schedule(d.channel(), cron, Watch.CONFIG, now);
            }
        }
        for (SummarySchedule s : schedules.values()) {
            if (Watch.CONFIG.equals(s.source())) {
                store.unschedule(s.channel());
            }
        }
    }

    /** The same checks as /netcheck watch add: a declared watch gets no more leeway than a typed one. */
    private String problem(String name, NetcheckConfig.DeclaredWatch declared) {
        List<String> words = new ArrayList<>(List.of("watch", "add"));
        words.addAll(WatchRunner.words(declared.command()));
        words.addAll(List.of("--name", name, "--every",
                DurationText.format(declared.every().orElse(config.watch().defaultEvery()))));
        try {
            return parser.parse(words) instanceof Command.WatchAdd ? null : "not a check command";
        } catch (UsageException e) {
            return e.getMessage();
        }
    }
}
