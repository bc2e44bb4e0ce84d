package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.agent.AgentElsewhere;
import io.netcheck.agent.AgentInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentListTest {
    @Test
    void listsEachAgentWithZoneLabelsSinceHeartbeatAndVersion() {
        Instant since = Instant.parse("2026-12-03T10:00:00Z");
        String text = AgentList.text(List.of(new AgentInfo("lb-a", "dc1", Map.of("role", "lb"), since,
                since.plusSeconds(100), "0.1.0", 1, "10.0.0.9:40000")), since.plusSeconds(112));
        assertTrue(text.contains("1 agent connected"), text);
        assertTrue(text.contains("`lb-a`  zone dc1  role=lb  connected since 2026-12-03T10:00:00Z  last heartbeat 12 s ago"
                + "  version 0.1.0"), text);
        assertTrue(AgentList.text(List.of(), since).contains("No netcheck agents are connected"));
        String relayed = AgentList.text(List.of(), List.of(new AgentElsewhere("lb-b", "pod-2", since)), since);
        assertTrue(relayed.contains("1 agent connected") && relayed.contains("`lb-b`  on replica pod-2  connected "
                + "since 2026-12-03T10:00:00Z  (jobs relayed there)"), relayed);
    }
}
