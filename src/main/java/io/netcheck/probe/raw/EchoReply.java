package io.netcheck.probe.raw;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * What became of one echo request.
 *
 * @param rtt       null when no reply came
 * @param replyTtl  the reply's IP TTL (how far away the answer came from), null without a reply
 * @param errorFrom the sender of an ICMP error about this request (a router or firewall), null when none
 * @param errorType ICMP type/code of that error, -1 when none
 */
public record EchoReply(int seq, Instant sentAt, Duration rtt, Integer replyTtl, InetAddress errorFrom, int errorType,
                        int errorCode) {
    public boolean answered() {
        return rtt != null;
    }
}
