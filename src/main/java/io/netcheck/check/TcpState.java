package io.netcheck.check;

import io.netcheck.capture.IcmpKind;
import io.netcheck.capture.WireFacts;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.dns.Resolution;

/** What the telnet test came to, with the packets overruling the socket API where they know better. */
public enum TcpState {
    CONNECTED,
    /** RST, or ICMP port unreachable. */
    REFUSED,
    /** SYNs unanswered until the deadline. */
    TIMEOUT,
    /** An ICMP error other than port unreachable, or the kernel's own "unreachable". */
    UNREACHABLE,
    DNS_FAILED,
    /** The probe could not run on netcheck's host (no route, cannot bind, not permitted). */
    LOCAL_ERROR,
    /** The probe was still running past its deadline and the runner's grace: nothing learnt. */
    OVERRAN;

    public static TcpState of(Resolution resolution, TcpConnectResult connect, String problem, WireFacts wire) {
        if (resolution != null && resolution.status().failed()) {
            return DNS_FAILED;
        }
        if (connect == null) {
            return Overran.is(problem) ? OVERRAN : LOCAL_ERROR;
        }
        if (wire.icmp() != null && !connect.connected()) {
            return wire.icmp().kind() == IcmpKind.PORT_UNREACHABLE ? REFUSED : UNREACHABLE;
        }
        return switch (connect.outcome()) {
            case CONNECTED -> CONNECTED;
            case REFUSED -> REFUSED;
            case TIMEOUT -> TIMEOUT;
            case UNREACHABLE -> UNREACHABLE;
            case LOCAL_ERROR -> LOCAL_ERROR;
        };
    }

    /** The connect outcome as a report outcome word. */
    public static String outcome(TcpState s, WireFacts wire) {
        if (s == UNREACHABLE) {
            return wire.icmp() != null ? "ICMP_UNREACHABLE" : "UNREACHABLE";
        }
        return s.name();
    }

}
