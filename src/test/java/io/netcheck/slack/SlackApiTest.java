package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The retry policy against the fake Web API, with waits recorded instead of slept. */
class SlackApiTest {
    private FakeSlack fake;
    private MethodsClient methods;
    private final List<Duration> waits = new ArrayList<>();
    private SlackApi api;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        methods = Slack.getInstance(config).methods(FakeSlack.BOT_TOKEN);
        api = new SlackApi(4, Duration.ofMillis(100), Duration.ofSeconds(30), waits::add, SlackMetrics.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    private ChatPostMessageResponse post() throws Exception {
        return api.call("chat.postMessage", () -> methods.chatPostMessage(r -> r.channel("C1").text("hi")));
    }

    @Test
    void rateLimitWaitsExactlyRetryAfter() throws Exception {
        fake.rateLimitNext("chat.postMessage", 7);
        assertTrue(post().isOk());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
        assertEquals(2, fake.calls("chat.postMessage").size());
    }

    @Test
    void serverErrorsBackOffExponentially() throws Exception {
        fake.serverErrorNext("chat.postMessage");
        fake.serverErrorNext("chat.postMessage");
        assertTrue(post().isOk());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), waits);
    }

    @Test
    void slackErrorsAreFinalAndNamed() {
        fake.slackErrorNext("chat.postMessage", "not_in_channel");
        SlackFailure f = assertThrows(SlackFailure.class, this::post);
        assertEquals("not_in_channel", f.error());
        assertTrue(f.cannotPostInChannel());
        assertTrue(waits.isEmpty());
    }

    @Test
    void givesUpAfterMaxAttemptsSayingWhy() {
        for (int i = 0; i < 4; i++) {
            fake.serverErrorNext("chat.postMessage");
        }
        SlackFailure f = assertThrows(SlackFailure.class, this::post);
        assertTrue(f.error().contains("gave up after 4 attempts (HTTP 500"), f.error());
    }

    @Test
    void anAbsurdRetryAfterIsNotWaitedOut() {
        fake.rateLimitNext("chat.postMessage", 3600);
        SlackFailure f = assertThrows(SlackFailure.class, this::post);
        assertTrue(f.error().contains("rate limited for 3600 s"), f.error());
    }

    @Test
    void wrongTokenIsInvalidAuth() throws Exception {
        MethodsClient wrong = Slack.getInstance(config()).methods("xoxb-wrong");
        SlackFailure f = assertThrows(SlackFailure.class,
                () -> api.call("chat.postMessage", () -> wrong.chatPostMessage(r -> r.channel("C1").text("x"))));
        assertEquals("invalid_auth", f.error());
    }

    private SlackConfig config() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        return config;
    }
}
