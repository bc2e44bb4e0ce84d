package io.netcheck.schedule;

import io.netcheck.kind.CheckKinds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.store.SummarySchedule;
import io.netcheck.store.Watch;
import io.netcheck.store.TestStores;
import io.netcheck.store.WatchStore;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watches and summary schedules declared in configuration, kept in step with the store at start-up. */
class ConfiguredWatchesTest {
    static final Instant T = Instant.parse("2026-11-22T09:00:00Z");

    @TempDir
    Path dir;

    static NetcheckConfig config(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(p, "test", 260))
                .withConverter(Duration.class, 200, new DurationConverter()).withMapping(NetcheckConfig.class)
                .withValidateUnknown(true).build().getConfigMapping(NetcheckConfig.class);
    }

    ConfiguredWatches sync(WatchStore store, Map<String, String> values) throws Exception {
        ConfiguredWatches c = new ConfiguredWatches();
        c.config = config(values);
        c.store = store;
        c.parser = CheckKinds.parser(Limits.DEFAULTS);
        c.sync(T);
        return c;
    }

    @Test
    void declaredWatchesAndSchedulesAreAddedUpdatedAndRemoved() throws Exception {
        try (WatchStore store = TestStores.open("jdbc:h2:file:" + dir.resolve("c"), null, null)) {
            store.add("C0OPS", "mine", "tcp db:5432", Duration.ofMinutes(5), Watch.SLACK, "U1", T);
            sync(store, Map.of(
                    "netcheck.watches.\"Checkout-VIP\".channel", "C0OPS",
                    "netcheck.watches.\"Checkout-VIP\".command", "vip  checkout.internal:443   --tls",
                    "netcheck.watches.\"Checkout-VIP\".every", "2m",
                    "netcheck.watches.dns.channel", "C0NET",
                    "netcheck.watches.dns.command", "dns checkout.internal",
                    "netcheck.watches.bad.channel", "C0NET",
                    "netcheck.watches.bad.command", "listen 8080",
                    "netcheck.summaries[0].channel", "C0OPS",
                    "netcheck.summaries[0].cron", "0 0 9 * * MON-FRI"));
            Watch vip = store.find("C0OPS", "checkout-vip").orElseThrow();
            assertEquals("vip checkout.internal:443 --tls", vip.command());
            assertEquals(Duration.ofMinutes(2), vip.every());
            assertEquals(Watch.CONFIG, vip.source());
            assertEquals(Duration.ofMinutes(5), store.find("C0NET", "dns").orElseThrow().every(), "default interval");
            assertTrue(store.find("C0NET", "bad").isEmpty(), "a watch that would be refused in Slack is not run");
            assertEquals(List.of("0 0 9 * * MON-FRI"), store.schedules().stream().map(SummarySchedule::cron).toList());

            // Next start: one changed, one gone, the schedule gone; the Slack-added watch is left alone.
            sync(store, Map.of(
                    "netcheck.watches.\"checkout-vip\".channel", "C0OPS",
                    "netcheck.watches.\"checkout-vip\".command", "vip checkout.internal:443 --tls",
                    "netcheck.watches.\"checkout-vip\".every", "10m"));
            assertEquals(Duration.ofMinutes(10), store.find("C0OPS", "checkout-vip").orElseThrow().every());
            assertEquals(vip.id(), store.find("C0OPS", "checkout-vip").orElseThrow().id(), "same watch, history kept");
            assertTrue(store.find("C0NET", "dns").isEmpty());
            assertTrue(store.find("C0OPS", "mine").isPresent());
            assertTrue(store.schedules().isEmpty());
        }
    }
}
