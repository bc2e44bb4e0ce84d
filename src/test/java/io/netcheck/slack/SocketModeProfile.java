package io.netcheck.slack;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Boots the app in Socket Mode against its own fake Slack. */
public class SocketModeProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class));
    }

    public static class Resource extends SlackTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new java.util.HashMap<>(super.start());
            config.put("netcheck.slack.mode", "socket");
            config.put("slack.app-token", FakeSlack.APP_TOKEN);
            config.remove("slack.signing-secret");
            return config;
        }
    }
}
