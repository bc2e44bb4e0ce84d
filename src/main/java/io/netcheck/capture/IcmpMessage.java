package io.netcheck.capture;

import java.net.InetAddress;
import java.time.Instant;

/**
 * An ICMP or ICMPv6 message ({@code ip().version()} tells which). For error messages (unreachable,
 * time exceeded, ...) {@code quoted} describes the packet that caused it, so the message can be tied to
 * the probe that triggered it; null for queries such as echo.
 *
 * @param length ICMP message length as tcpdump prints it ({@code length N})
 * @param echoId  bytes 4-5 of the ICMP header: the echo identifier for echo request/reply; for other types
 *                the upper half of the type-specific word (e.g. the parameter-problem pointer); -1 when not
 *                captured
 * @param echoSeq bytes 6-7: the echo sequence number, or the lower half of that word (e.g. the next-hop MTU
 *                of "need to frag"); -1 when not captured
 */
public record IcmpMessage(Instant timestamp, IpHeader ip, int type, int code, int length, Quoted quoted,
                          int echoId, int echoSeq) implements DecodedPacket {

    /** The header of the packet quoted inside an ICMP error; ports are -1 when not quoted or not TCP/UDP. */
    public record Quoted(InetAddress source, InetAddress destination, int protocol, int sourcePort,
                         int destinationPort) {
    }

    /** True for destination unreachable / time exceeded / parameter problem / packet too big. */
    public boolean isError() {
        if (ip.version() == 6) {
            return type >= 1 && type <= 4;
        }
        // Also source quench (4) and redirect (5): both quote the packet that caused them.
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /**
     * True for an error quoting the flow's own outgoing TCP packet (local to remote): that is the probe the
     * error answers. A quote of the reverse direction would be an error about the peer's traffic.
     */
    @Override
    public boolean belongsTo(Flow flow) {
        return isError() && quoted != null && quoted.protocol() == 6
                && quoted.source().equals(flow.localAddress()) && quoted.sourcePort() == flow.localPort()
                && quoted.destination().equals(flow.remoteAddress()) && quoted.destinationPort() == flow.remotePort();
    }
}
