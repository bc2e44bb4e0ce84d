package io.netcheck.probe.raw;

import java.net.InetAddress;
import java.time.Duration;

/**
 * What became of the echo requests of one size (IPv4, don't-fragment set).
 *
 * @param size       the IP datagram's total length, headers included (what {@code ping -M do -s N} sends as N + 28)
 * @param rtt        round trip of the first reply, null unless answered
 * @param nextHopMtu for FRAG_NEEDED: the next-hop MTU the router reported, null when it sent 0 (RFC 792 routers)
 * @param from       who answered: the destination, or the router that sent the ICMP error; null when lost
 * @param icmpType   ICMP type/code of an error (3/4 for fragmentation needed), -1 otherwise
 * @param note       for LOST: what this host's own link said when the frame was handed to it (e.g. a virtual
 *                   link whose far end takes no frame this large answers "No buffer space available"); null
 *                   when it took the frame
 */
public record MtuAttempt(int size, Kind kind, Duration rtt, Integer nextHopMtu, InetAddress from, int icmpType,
                         int icmpCode, String note) {
    public enum Kind {
        /** An echo reply came back: this size passes both ways. */
        ANSWERED,
        /** Nothing came back, no error either (every copy sent). */
        LOST,
        /** A router said "fragmentation needed and DF set" (type 3 code 4): the proper answer to too big. */
        FRAG_NEEDED,
        /** Another ICMP error (unreachable, prohibited, ...). */
        ICMP_ERROR
    }

    public static MtuAttempt answered(int size, Duration rtt, InetAddress from) {
        return new MtuAttempt(size, Kind.ANSWERED, rtt, null, from, -1, -1, null);
    }

    public static MtuAttempt lost(int size) {
        return new MtuAttempt(size, Kind.LOST, null, null, null, -1, -1, null);
    }

    /** Lost before it left: this host's link refused the frame, with its error. */
    public static MtuAttempt refusedLocally(int size, String error) {
        return new MtuAttempt(size, Kind.LOST, null, null, null, -1, -1, error);
    }

    public static MtuAttempt fragNeeded(int size, Integer nextHopMtu, InetAddress from) {
        return new MtuAttempt(size, Kind.FRAG_NEEDED, null, nextHopMtu, from, 3, 4, null);
    }

    public static MtuAttempt icmpError(int size, InetAddress from, int type, int code) {
        return new MtuAttempt(size, Kind.ICMP_ERROR, null, null, from, type, code, null);
    }

    /** This size did not get through (lost, or refused with an ICMP error). */
    public boolean failed() {
        return kind != Kind.ANSWERED;
    }
}
