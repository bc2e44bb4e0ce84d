package io.netcheck.capture;

import java.net.InetAddress;
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
    // One letter per flag bit, lowest first: tcpdump's order, with ACK printed as '.'.
    private static final String FLAG_LETTERS = "FSRP.UEW";

    public TcpSegment {
        options = List.copyOf(options);
    }

    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** Flags as tcpdump prints them between the brackets: {@code S}, {@code S.}, {@code R.}, {@code FP.}, {@code none}. */
    public String flagText() {
        return flagText(flags);
    }

    static String flagText(int flags) {
        StringBuilder sb = new StringBuilder(8);
        for (int bit = 0; bit < 8; bit++) {
            if ((flags & (1 << bit)) != 0) {
                sb.append(FLAG_LETTERS.charAt(bit));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    @Override
    public boolean belongsTo(Flow flow) {
        return matches(flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort())
                || matches(flow.remoteAddress(), flow.remotePort(), flow.localAddress(), flow.localPort());
    }

    private boolean matches(InetAddress src, int sport, InetAddress dst, int dport) {
        return sourcePort == sport && destinationPort == dport && ip.source().equals(src)
                && ip.destination().equals(dst);
    }
}
