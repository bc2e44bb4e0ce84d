package io.netcheck.capture;

import java.time.Instant;
import java.util.List;

/**
 * A TCP segment. {@code seq} and {@code ack} are absolute (unsigned 32-bit, held in a long); the
 * tcpdump formatter makes them relative. {@code payloadLength} comes from the IP header, so it is right
 * even when the capture kept headers only.
 */
public record TcpSegment(Instant timestamp, IpHeader ip, int sourcePort, int destinationPort, long seq, long ack,
                         int flags, int window, List<TcpOption> options, int payloadLength)
        implements DecodedPacket {
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20,
            ECE = 0x40, CWR = 0x80;

    public TcpSegment {
        options = List.copyOf(options);
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** Flags as tcpdump prints them between the brackets: {@code S}, {@code S.}, {@code R.}, {@code FP.}, {@code none}. */
    public String flagText() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public boolean belongsTo(Flow flow) {
        throw new UnsupportedOperationException("TODO");
    }
}
