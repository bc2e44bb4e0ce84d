package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.check.CaptureSummary;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentMessageTest {
    @Test
    void everyMessageSurvivesTheWire() {
        List<AgentMessage> all = List.of(new AgentMessage.Hello(1, "lb-a", "dc1", Map.of("k", "v"), "0.1.0"),
                new AgentMessage.Welcome(1, 15000), new AgentMessage.Refused(1, "too old"),
                new AgentMessage.Heartbeat(42), new AgentMessage.Job("j1", "tcp 10.0.0.5:443", 60000),
                new AgentMessage.Result("j1", "{}", null, null, List.of("10.0.0.5"), "AAAA", true));
        for (AgentMessage m : all) {
            String text = AgentMessage.encode(m);
            assertEquals(m, AgentMessage.decode(text), text);
        }
        assertTrue(AgentMessage.encode(new AgentMessage.Heartbeat(1)).contains("\"type\":\"heartbeat\""));
    }

    @Test
    void theLoadBalancerSideMessagesSurviveTheWire() {
        CaptureSummary capture = new CaptureSummary(true, null, List.of("eth0", "eth1"), "tcp and host 203.0.113.10",
                128, 7, 0, null);
        List<AgentMessage> all = List.of(
                new AgentMessage.Hello(1, "lb-a", "dc1", Map.of(), "0.2.0", List.of(AgentMessage.LB_SIDE)),
                new AgentMessage.SideJob("s1", "vip 203.0.113.10:80 --backends 198.51.100.21:80",
                        List.of("198.51.100.2"), 3500),
                new AgentMessage.SideReady("s1", 1_764_800_000_123_456L, null),
                new AgentMessage.SideReady("s1", 1_764_800_000_123_456L, "no permission to capture"),
                new AgentMessage.SideResult("s1", null, null, "[]", capture, "AAAA", false, List.of("198.51.100.21")),
                new AgentMessage.SideResult("s1", "refused by agent lb-a's target policy", "policy", null, null, null,
                        false, List.of()));
        for (AgentMessage m : all) {
            String text = AgentMessage.encode(m);
            assertEquals(m, AgentMessage.decode(text), text);
        }
        assertTrue(AgentMessage.encode(all.get(1)).contains("\"type\":\"side-job\""));
    }

    @Test
    void anOlderAgentsHelloHasNoCapabilities() {
        AgentMessage.Hello old = (AgentMessage.Hello) AgentMessage.decode(
                "{\"type\":\"hello\",\"protocol\":1,\"name\":\"lb-a\",\"version\":\"0.1.0\"}");
        assertNull(old.capabilities());
    }

    @Test
    void aNewerPeersExtraFieldsAreIgnoredAndGarbageIsRefused() {
        assertEquals(new AgentMessage.Heartbeat(7), AgentMessage.decode("{\"type\":\"heartbeat\",\"at\":7,\"x\":1}"));
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.decode("{\"type\":\"nope\"}"));
        assertThrows(IllegalArgumentException.class, () -> AgentMessage.decode("]"));
    }

    @Test
    void aLargeCaptureIsCutAtARecordBoundary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xa1b2c3d4).array());
        for (int i = 0; i < 10; i++) {
            out.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 100).putInt(12, 100).array());
            out.writeBytes(new byte[100]);
        }
        byte[] pcap = out.toByteArray();
        assertEquals(pcap.length, PcapTrim.fit(pcap, pcap.length).length);
        assertEquals(24 + 3 * 116, PcapTrim.fit(pcap, 24 + 3 * 116 + 115).length);
        assertEquals(24, PcapTrim.fit(pcap, 30).length);
    }
}
