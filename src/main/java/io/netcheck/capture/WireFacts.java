package io.netcheck.capture;

import java.net.InetAddress;

/**
 * What the packets of one connection attempt prove, independent of what the socket API reported.
 * Null TTL fields mean "not seen".
 *
 * @param synsSent        SYNs netcheck sent (more than one: retransmits into silence)
 * @param resetFrom       source of the RST that answered us (TCP RSTs always carry the target's address)
 * @param resetAfterData  the RST came after netcheck had sent its request
 * @param peerFin         the far end closed its side (FIN)
 * @param peerBytes       payload bytes the far end sent
 * @param icmp            the ICMP error this attempt caused, if any
 * @param synAckIpId      IPv4 identification of the SYN-ACK (null when not seen or IPv6)
 * @param resetIpId       IPv4 identification of the RST (null when not seen or IPv6)
 * @param synAckOptions   the SYN-ACK's TCP options in order, as tcpdump names them, values kept only where they
 *                        are the server's settings ({@code mss 1460,sackOK,TS,nop,wscale 7}): the handshake
 *                        signature a change of server or stack shows in; null when no SYN-ACK was seen
 */
public record WireFacts(int packets, int synsSent, boolean synAckSeen, Integer synAckTtl, Integer synAckWindow,
                        Integer synAckMss, boolean resetSeen, InetAddress resetFrom, Integer resetTtl,
                        boolean resetAfterData, boolean peerFin, long peerBytes, long sentBytes, IcmpError icmp,
                        Integer synAckIpId, Integer resetIpId, String synAckOptions) {

    public static final WireFacts NONE = new WireFacts(0, 0, false, null, null, null, false, null, null, false, false,
            0, 0, null);

    public WireFacts(int packets, int synsSent, boolean synAckSeen, Integer synAckTtl, Integer synAckWindow,
                     Integer synAckMss, boolean resetSeen, InetAddress resetFrom, Integer resetTtl,
                     boolean resetAfterData, boolean peerFin, long peerBytes, long sentBytes, IcmpError icmp,
                     Integer synAckIpId, Integer resetIpId) {
        this(packets, synsSent, synAckSeen, synAckTtl, synAckWindow, synAckMss, resetSeen, resetFrom, resetTtl,
                resetAfterData, peerFin, peerBytes, sentBytes, icmp, synAckIpId, resetIpId, null);
    }

    public WireFacts(int packets, int synsSent, boolean synAckSeen, Integer synAckTtl, Integer synAckWindow,
                     Integer synAckMss, boolean resetSeen, InetAddress resetFrom, Integer resetTtl,
                     boolean resetAfterData, boolean peerFin, long peerBytes, long sentBytes, IcmpError icmp) {
        this(packets, synsSent, synAckSeen, synAckTtl, synAckWindow, synAckMss, resetSeen, resetFrom, resetTtl,
                resetAfterData, peerFin, peerBytes, sentBytes, icmp, null, null);
    }

    /** TTL of whoever answered the SYN (SYN-ACK, or an RST before any data), null if nobody did. */
    public Integer answerTtl() {
        return synAckTtl != null ? synAckTtl : resetTtl != null && !resetAfterData ? resetTtl : null;
    }

    /** IPv4 identification of that answer, null when unknown. */
    public Integer answerIpId() {
        return synAckTtl != null ? synAckIpId : resetTtl != null && !resetAfterData ? resetIpId : null;
    }

    public Integer synAckHops() {
        return synAckTtl == null ? null : Hops.fromTtl(synAckTtl);
    }

    public Integer resetHops() {
        return resetTtl == null ? null : Hops.fromTtl(resetTtl);
    }

    /** Hop distance of whoever answered the SYN (SYN-ACK or RST), null if nobody did. */
    public Integer answerHops() {
        return synAckTtl != null ? synAckHops() : resetTtl != null && !resetAfterData ? resetHops() : null;
    }
}
