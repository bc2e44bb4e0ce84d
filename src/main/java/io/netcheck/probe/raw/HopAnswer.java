package io.netcheck.probe.raw;

import java.net.InetAddress;
import java.time.Duration;

/**
 * Who answered one probe of one TTL, and how.
 *
 * @param what        e.g. "time exceeded", "echo reply", "SYN-ACK", "RST", "ICMP host unreachable (3/1)"
 * @param destination the answer came from the destination itself (the path ends at the target)
 * @param icmpType    ICMP type/code of an ICMP answer, -1 for TCP answers
 */
public record HopAnswer(InetAddress from, Duration rtt, String what, boolean destination, int icmpType, int icmpCode,
                        int ttl) {
    /** An ICMP unreachable: the path ends here, refused by {@code from}. */
    public boolean unreachable() {
        return icmpType == 3;
    }

    public boolean timeExceeded() {
        return icmpType == 11;
    }
}
