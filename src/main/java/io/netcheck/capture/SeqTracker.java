package io.netcheck.capture;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * tcpdump's relative sequence numbers. One entry per connection, keyed on both endpoints in a fixed order
 * (lower port first; equal ports: lower address first) so both directions share it. Only segments with
 * ACK set consult it: the first such segment of a connection, and any SYN+ACK, (re)set the bases and print
 * absolute numbers; later ones print seq/ack minus the bases. Arithmetic is unsigned 32-bit.
 */
final class SeqTracker {
    private static final long MASK = 0xffffffffL;

    /** Bases in the key's "forward" direction: seq base of the first endpoint, ack base of the second. */
    private static final class Bases {
        long seq;
        long ack;
    }

    /**
     * @param seq     sequence number to print
     * @param ack     acknowledgment number to print
     * @param reverse the segment travels from the key's second endpoint to its first
     * @param seqBase the entry's seq base (0 when no ACK), used for SACK blocks
     * @param ackBase the entry's ack base (0 when no ACK)
     */
    record Numbers(long seq, long ack, boolean reverse, long seqBase, long ackBase) {
    }

    private final Map<String, Bases> connections = new HashMap<>();

    Numbers track(TcpSegment s) {
        if (!s.has(TcpSegment.ACK)) {
            return new Numbers(s.seq(), s.ack(), false, 0, 0);
        }
        int version = s.ip().version();
        byte[] src = bytes(s.ip().source(), version);
        byte[] dst = bytes(s.ip().destination(), version);
        int sport = s.sourcePort(), dport = s.destinationPort();
        boolean reverse = sport > dport || (sport == dport && Arrays.compareUnsigned(src, dst) > 0);
        HexFormat hex = HexFormat.of();
        String key = reverse
                ? version + "|" + hex.formatHex(dst) + "|" + hex.formatHex(src) + "|" + dport + "|" + sport
                : version + "|" + hex.formatHex(src) + "|" + hex.formatHex(dst) + "|" + sport + "|" + dport;
        Bases bases = connections.get(key);
        long seq = s.seq(), ack = s.ack();
        if (bases == null || s.has(TcpSegment.SYN)) {
            bases = new Bases();
            if (reverse) {
                bases.ack = seq;
                bases.seq = (ack - 1) & MASK;
            } else {
                bases.seq = seq;
                bases.ack = (ack - 1) & MASK;
            }
            connections.put(key, bases);
        } else if (reverse) {
            seq = (seq - bases.ack) & MASK;
            ack = (ack - bases.seq) & MASK;
        } else {
            seq = (seq - bases.seq) & MASK;
            ack = (ack - bases.ack) & MASK;
        }
        return new Numbers(seq, ack, reverse, bases.seq, bases.ack);
    }

    private static byte[] bytes(InetAddress address, int version) {
        return version == 6 ? AddressText.bytes16(address) : address.getAddress();
    }
}
