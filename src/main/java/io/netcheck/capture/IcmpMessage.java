package io.netcheck.capture;

import java.net.InetAddress;
import java.time.Instant;

/**
 * An ICMP or ICMPv6 message ({@code ip().version()} tells which). For error messages (unreachable,
 * time exceeded, ...) {@code quoted} describes the packet that caused it, so the message can be tied to
 * the probe that triggered it; null for queries such as echo.
 *
 * @param length ICMP message length as tcpdump prints it ({@code length N})
 */
public record IcmpMessage(Instant timestamp, IpHeader ip, int type, int code, int length, Quoted quoted,
                          int echoId, int echoSeq) implements DecodedPacket {

    /** The header of the packet quoted inside an ICMP error; ports are -1 when not quoted or not TCP/UDP. */
    public record Quoted(InetAddress source, InetAddress destination, int protocol, int sourcePort,
                         int destinationPort) {
    }

    /** True for destination unreachable / time exceeded / parameter problem / packet too big. */
    public boolean isError() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public boolean belongsTo(Flow flow) {
        throw new UnsupportedOperationException("TODO");
    }
}
