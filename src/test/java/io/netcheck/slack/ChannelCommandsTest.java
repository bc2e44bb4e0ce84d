package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.netcheck.command.Command;
import io.netcheck.command.Cron;
import io.netcheck.config.NetcheckConfig;
import io.netcheck.schedule.HealthSummary;
import io.netcheck.schedule.Watches;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.Watch;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With the store down, every watch and summary command says so privately, changes nothing and posts nothing. */
class ChannelCommandsTest {
    final FakeSlack fake;
    final Slack slack;

    ChannelCommandsTest() throws Exception {
        fake = new FakeSlack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        slack = Slack.getInstance(config);
    }

    @AfterEach
    void close() throws Exception {
        fake.close();
    }

    static final class StoreDown extends Watches {
        int calls;

        private StoreUnavailable down() {
            calls++;
            return new StoreUnavailable("store jdbc:postgresql://db/netcheck unavailable: Connection refused", null);
        }

        @Override
        public Added add(String channel, String user, Command.WatchAdd command) throws StoreUnavailable {
            throw down();
        }

        @Override
        public List<Watch> list(String channel) throws StoreUnavailable {
            throw down();
        }

        @Override
        public Removed remove(String channel, String name) throws StoreUnavailable {
            throw down();
        }

        @Override
        public HealthSummary summary(String channel) throws StoreUnavailable {
            throw down();
        }

        @Override
        public boolean schedule(String channel, Cron cron) throws StoreUnavailable {
            throw down();
        }
    }

    @Test
    void storeUnavailableIsSaidPrivatelyForEveryCommand() throws Exception {
        ChannelCommands commands = new ChannelCommands();
        StoreDown store = new StoreDown();
        commands.watches = store;
        commands.clock = Clock.systemUTC();
        commands.config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(new Properties(), "t", 1))
                .withConverter(Duration.class, 200, new DurationConverter()).withMapping(NetcheckConfig.class).build()
                .getConfigMapping(NetcheckConfig.class);
        var methods = slack.methods(FakeSlack.BOT_TOKEN);
        var api = new SlackApi(2, Duration.ofMillis(10), Duration.ofSeconds(1), d -> Thread.sleep(d.toMillis()),
                SlackMetrics.NONE);
        List<Command.ChannelCommand> all = List.of(
                new Command.WatchAdd("db", Duration.ofMinutes(5), "tcp db:5432", null), new Command.WatchList(),
                new Command.WatchRemove("db"), new Command.SummaryNow(),
                new Command.SummarySchedule(Cron.parse("0 9 * * *")));
        for (Command.ChannelCommand c : all) {
            commands.run(c, "C0OPS", "U1", new ChannelCommands.Reply(slack, fake.responseUrl("r"), methods, api, "C0OPS"));
        }
        assertEquals(all.size(), store.calls);
        assertEquals(all.size(), fake.responseUrlPosts().size());
        assertTrue(fake.responseUrlPosts().stream().allMatch(p -> p.toString().contains("store is unavailable")
                && p.toString().contains("nothing was changed") && p.path("response_type").asText().equals("ephemeral")),
                fake.responseUrlPosts().toString());
        assertEquals(0, fake.calls("chat.postMessage").size(), "nothing posted in the channel");
    }
}
