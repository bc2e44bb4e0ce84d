package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
