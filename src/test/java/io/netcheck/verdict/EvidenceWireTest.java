package io.netcheck.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netcheck.capture.IcmpKind;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.EvidenceWire;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvidenceWireTest {
    @Test
    void backendEvidenceRoundTripsOverTheAgentWire() {
        List<EndpointEvidence> sent = List.of(Evidence.healthy("198.51.100.10:80", 63),
                Evidence.timeout("198.51.100.11:80"), Evidence.refused("198.51.100.12:80", 64),
                Evidence.icmp("198.51.100.13:80", IcmpKind.ADMIN_PROHIBITED, 3, 13, "198.51.100.1"),
                Evidence.silentAfterAccept("198.51.100.14:80", 63), Evidence.local("198.51.100.15:80"));
        List<EndpointEvidence> back = EvidenceWire.decode(EvidenceWire.encode(sent));
        assertEquals(sent, back);
        for (int i = 0; i < sent.size(); i++) {
            assertEquals(sent.get(i).state(), back.get(i).state());
        }
    }
}
