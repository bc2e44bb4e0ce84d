package io.netcheck.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SYN-ACK's option signature: the server's settings in order, never its per-packet values. */
class OptionSignatureTest {
    @Test
    void keepsKindsOrderAndSettingsDropsTimestampsAndSackBlocks() {
        List<TcpOption> linux = List.of(new TcpOption(2, 1460, "mss 1460"), new TcpOption(4, -1, "sackOK"),
                new TcpOption(8, -1, "TS val 4075870116 ecr 12"), new TcpOption(1, -1, "nop"),
                new TcpOption(3, 7, "wscale 7"));
        assertEquals("mss 1460,sackOK,TS,nop,wscale 7", FlowAnalyzer.optionSignature(linux));
        List<TcpOption> later = List.of(new TcpOption(2, 1460, "mss 1460"), new TcpOption(4, -1, "sackOK"),
                new TcpOption(8, -1, "TS val 99 ecr 1"), new TcpOption(1, -1, "nop"), new TcpOption(3, 7, "wscale 7"));
        assertEquals(FlowAnalyzer.optionSignature(linux), FlowAnalyzer.optionSignature(later), "timestamps are noise");
        assertEquals("mss 1380,nop,nop,sack,nop,wscale 9", FlowAnalyzer.optionSignature(List.of(
                new TcpOption(2, 1380, "mss 1380"), new TcpOption(1, -1, "nop"), new TcpOption(1, -1, "nop"),
                new TcpOption(5, -1, "sack 1 {2:3}"), new TcpOption(1, -1, "nop"), new TcpOption(3, 9, "wscale 9"))));
    }
}
