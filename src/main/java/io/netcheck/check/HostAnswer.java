package io.netcheck.check;

import io.netcheck.capture.Hops;
import java.net.InetAddress;

/**
 * How one probe of the VIP address's own host was answered: an ICMP echo, or a SYN to a port other than the
 * VIP's. These answers are the reference the VIP port's answer is compared with (step 1 of the checklist asks who
 * answered: the VIP host, a server behind it, or a device in the path speaking in its name).
 *
 * @param probe  what was sent, as the report names it ("ICMP echo", "TCP port 9")
 * @param from   who answered (the VIP address itself for {@link Kind#ANSWERED}, a router or firewall for an ICMP error)
 * @param ttl    the answer's IP TTL / hop limit, null when there was none
 * @param ipId   the answer's IPv4 identification, null when unknown
 * @param detail what came back ("echo reply", "RST", "ICMP host unreachable from …") or why nothing was sent
 */
public record HostAnswer(String probe, Kind kind, InetAddress from, Integer ttl, Integer ipId, String detail) {
    public enum Kind {
        /** The VIP address itself answered (echo reply, RST or SYN-ACK). */
        ANSWERED,
        /** Someone else answered for it with an ICMP error (host unreachable, admin prohibited, ...). */
        ICMP_ERROR,
        /** Sent, nothing came back. */
        SILENT,
        /** Not sent: no privilege, IPv6 echo, refused by the target policy, switched off. */
        NOT_SENT
    }

    public static HostAnswer notSent(String probe, String why) {
        return new HostAnswer(probe, Kind.NOT_SENT, null, null, null, why);
    }

    /** "echo reply", "RST on port 9": the answer named with the probe it answered. */
    public String what() {
        return probe.startsWith("TCP ") ? detail + " on " + probe.substring(4) : detail;
    }

    public Integer hops() {
        return ttl == null ? null : Hops.fromTtl(ttl);
    }

    /** One line for the report. */
    public String describe() {
        return switch (kind) {
            case ANSWERED, ICMP_ERROR -> probe + ": " + detail + " from " + from.getHostAddress() + " (TTL " + ttl
                    + ", " + Hops.text(hops()) + (ipId != null ? ", IP ID " + ipId : "") + ")";
            case SILENT -> probe + ": no answer";
            case NOT_SENT -> probe + ": not sent (" + detail + ")";
        };
    }
}
