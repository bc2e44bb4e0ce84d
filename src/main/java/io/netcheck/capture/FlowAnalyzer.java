package io.netcheck.capture;

import java.util.List;

/** Picks one connection's packets out of a capture and reduces them to {@link WireFacts}. */
public final class FlowAnalyzer {
    private FlowAnalyzer() {
    }

    public record FlowPackets(List<DecodedPacket> packets, WireFacts facts) {
    }

    public static FlowPackets analyze(Flow flow, List<DecodedPacket> capture) {
        List<DecodedPacket> mine = capture.stream().filter(p -> p.belongsTo(flow)).toList();
        int syns = 0;
        boolean synAck = false;
        Integer synAckTtl = null;
        Integer synAckIpId = null;
        Integer resetIpId = null;
        Integer synAckWindow = null;
        Integer synAckMss = null;
        String synAckOptions = null;
        boolean reset = false;
        Integer resetTtl = null;
        boolean resetAfterData = false;
        boolean peerFin = false;
        long peerBytes = 0;
        long sentBytes = 0;
        IcmpError icmp = null;
        for (DecodedPacket p : mine) {
            if (p instanceof TcpSegment tcp) {
                boolean outbound = tcp.sourcePort() == flow.localPort()
                        && tcp.ip().source().equals(flow.localAddress());
                if (outbound) {
                    if (tcp.has(TcpSegment.SYN) && !tcp.has(TcpSegment.ACK)) {
                        syns++;
                    }
                    sentBytes += tcp.payloadLength();
                    continue;
                }
                if (tcp.has(TcpSegment.SYN) && tcp.has(TcpSegment.ACK) && !synAck) {
                    synAck = true;
                    synAckTtl = tcp.ip().ttl();
                    synAckIpId = ipId(tcp.ip());
                    synAckWindow = tcp.window();
                    synAckMss = tcp.options().stream().filter(o -> o.kind() == 2).map(o -> (int) o.value())
                            .findFirst().orElse(null);
                    synAckOptions = optionSignature(tcp.options());
                }
                if (tcp.has(TcpSegment.RST) && !reset) {
                    reset = true;
                    resetTtl = tcp.ip().ttl();
                    resetIpId = ipId(tcp.ip());
                    resetAfterData = sentBytes > 0;
                }
                if (tcp.has(TcpSegment.FIN)) {
                    peerFin = true;
                }
                peerBytes += tcp.payloadLength();
            } else if (p instanceof IcmpMessage m && icmp == null) {
                icmp = new IcmpError(m.ip().source(), m.ip().ttl(), m.ip().version(), m.type(), m.code(),
                        IcmpKind.of(m.ip().version(), m.type(), m.code()),
                        m.ip().source().equals(flow.remoteAddress()));
            }
        }
        WireFacts facts = new WireFacts(mine.size(), syns, synAck, synAckTtl, synAckWindow, synAckMss, reset,
                reset ? flow.remoteAddress() : null, resetTtl, resetAfterData, peerFin, peerBytes, sentBytes, icmp,
                synAckIpId, resetIpId, synAckOptions);
        return new FlowPackets(mine, facts);
    }

    /** Option kinds in order with the server's settings (MSS, window scale); timestamps and SACK blocks vary per packet. */
    static String optionSignature(List<TcpOption> options) {
        return options.stream().map(o -> switch (o.kind()) {
            case 2 -> "mss " + o.value();
            case 3 -> "wscale " + o.value();
            case 8 -> "TS";
            case 5 -> "sack";
            default -> o.text();
        }).collect(java.util.stream.Collectors.joining(","));
    }

    private static Integer ipId(IpHeader ip) {
        return ip.id() < 0 ? null : ip.id();
    }
}
