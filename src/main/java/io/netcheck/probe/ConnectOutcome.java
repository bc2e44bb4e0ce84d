package io.netcheck.probe;

/** What a TCP connect attempt came to, in the three-way split the LB checklist uses plus the ICMP cases. */
public enum ConnectOutcome {
    /** Handshake completed. */
    CONNECTED,
    /** Connection refused: a TCP RST, or an ICMP port unreachable (the capture tells which). */
    REFUSED,
    /** Nothing came back before the deadline: SYNs retransmitted into silence. */
    TIMEOUT,
    /** An ICMP error (host/net unreachable, prohibited) ended the attempt. */
    UNREACHABLE,
    /** The attempt never left this host: no route, cannot bind, not permitted. */
    LOCAL_ERROR
}
