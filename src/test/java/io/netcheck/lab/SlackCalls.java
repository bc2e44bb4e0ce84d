package io.netcheck.lab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading the fake Slack's recorded calls ({@code /_calls}), for the lab and replica ITs alike. */
public final class SlackCalls {
    private SlackCalls() {
    }

    /** The accepted chat.postMessage calls to a channel, in order. */
    public static List<JsonNode> posts(JsonNode state, String channel) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : state.get("calls")) {
            if (c.get("method").asText().equals("chat.postMessage") && c.get("status").asInt() == 200
                    && c.at("/params/channel").asText().equals(channel)) {
                out.add(c);
            }
        }
        return out;
    }

    /** A message of its own, not a reply in a thread. */
    public static boolean isRoot(JsonNode call) {
        return call.at("/params/thread_ts").isMissingNode() || call.at("/params/thread_ts").isNull();
    }
}
