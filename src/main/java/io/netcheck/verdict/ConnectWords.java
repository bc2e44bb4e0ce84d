package io.netcheck.verdict;

import io.netcheck.capture.AddressText;
import java.util.Arrays;
import java.util.List;
import io.netcheck.capture.WireFacts;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;

/** The sentences verdicts and reports use for a single connection attempt ({@code tcp}, {@code tls}, {@code http}). */
public final class ConnectWords {
    private ConnectWords() {
    }

    public static String connect(ConnectAttempt a) {
        String who = a.target().label();
        WireFacts w = a.wire();
        TcpState s = a.state();
        String error = a.connect() == null ? a.problem() : a.connect().error();
        return switch (s) {
            case DNS_FAILED -> who + ": " + a.resolution().error();
            case LOCAL_ERROR, OVERRAN -> who + ": " + (error == null ? "could not be probed" : error);
            case TIMEOUT -> who + ": " + (w.synsSent() > 0
                    ? w.synsSent() + " SYN" + (w.synsSent() == 1 ? "" : "s") + " sent, nothing came back"
                    : "no answer") + " within " + Describe.ms(a.connect().elapsed());
            case UNREACHABLE, REFUSED -> who + ": " + (w.icmp() != null ? Describe.icmp(w.icmp())
                    : w.resetSeen() ? "RST from " + AddressText.of(w.resetFrom()) + Describe.hops(w.resetTtl())
                    : (s == TcpState.REFUSED ? "connection refused" : error));
            case CONNECTED -> who + ": connected" + (w.synAckSeen() ? ", SYN-ACK from "
                    + AddressText.of(a.address().getAddress()) + Describe.hops(w.synAckTtl()) : "") + " in "
                    + Describe.ms(a.connect().elapsed());
        };
    }

    /**
     * The independent observations of an open connection: the socket connected, and the handshake on the wire (when
     * captured). Shared by every rule that rests on a connection (tcp, tls, http).
     */
    public static List<String> connected(ConnectAttempt a) {
        WireFacts w = a.wire();
        return Arrays.asList("the socket connected in " + Describe.ms(a.connect().elapsed()),
                w.synAckSeen() ? "the handshake on the wire: SYN-ACK from " + AddressText.of(a.address().getAddress())
                        + Describe.hops(w.synAckTtl()) : null);
    }

    /** Who answered the SYN, from the packets; null when nobody (or no capture). */
    public static String answeredBy(ConnectAttempt a) {
        WireFacts w = a.wire();
        if (w.icmp() != null) {
            return AddressText.of(w.icmp().from()) + (w.icmp().fromTarget() ? " (the target itself)" : " (a router or "
                    + "firewall in the path, not the target)") + ": " + Describe.icmp(w.icmp());
        }
        if (w.synAckSeen()) {
            return AddressText.of(a.address().getAddress()) + ": SYN-ACK" + Describe.hops(w.synAckTtl());
        }
        if (w.resetSeen()) {
            return AddressText.of(w.resetFrom()) + ": RST" + Describe.hops(w.resetTtl());
        }
        return null;
    }
}
