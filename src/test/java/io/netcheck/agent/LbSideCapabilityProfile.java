package io.netcheck.agent;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The server with two agents allowed (one will say hello as an older build), one API token, policy off (loopback). */
public class LbSideCapabilityProfile implements QuarkusTestProfile {
    public static final String OLD_TOKEN = "old-agent-token";
    public static final String NEW_TOKEN = "new-agent-token";
    public static final String API_TOKEN = "capability-api-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "netcheck.agent.tokens", "old-1=" + OLD_TOKEN + ",new-1=" + NEW_TOKEN,
                "netcheck.api.token", API_TOKEN,
                "netcheck.slack.mode", "off",
                "netcheck.policy.enabled", "false",
                "netcheck.probe.timeout", "1s");
    }
}
