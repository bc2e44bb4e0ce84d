package io.netcheck.check;

/** How the VIP handles connections (step 2 of the LB checklist). */
public enum Layer {
    /** NAT/DSR: the handshake is with a real server, the LB only forwards packets. */
    L4_PASSTHROUGH,
    /** Terminates TCP and relays bytes without understanding HTTP (e.g. HAProxy mode tcp). */
    L4_PROXY,
    /** Terminates TCP and speaks HTTP itself (answers with its own error pages). */
    L7_PROXY,
    /** Terminates TCP itself, but whether it understands HTTP cannot be told while it works. */
    PROXY,
    UNKNOWN
}
