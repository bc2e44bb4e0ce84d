package io.netcheck.verdict;

import io.netcheck.capture.WireFacts;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.HostPort;
import io.netcheck.check.TcpState;
import io.netcheck.check.VipEvidence;
import io.netcheck.check.VipHostEvidence;
import io.netcheck.probe.dns.Resolution;
import java.net.InetSocketAddress;

/**
 * One TCP connection attempt as the connect rules ({@code verdict/tcp}: name, reject, route, absent host, drop)
 * read it, whichever command made it: the VIP checklist's VIP step ({@link #vip}) or the attempt of {@code tcp},
 * {@code tls}, {@code http} and {@code banner} ({@link #of}). One rule per situation, so both tables blame a failed
 * connect alike.
 *
 * @param error      the socket API's error, null when the probe did not run or connected
 * @param host       the target address's own host, measured beside the port (the second, independent signal)
 * @param whose      how findings name the target: "VIP" or "target"
 * @param words      what happened to the connect, in one line ({@link Describe#connect}, {@link ConnectWords#connect})
 * @param serversUp  the real servers behind the VIP that answer from here ("2 of 2 real servers answer from
 *                   here"): a path to their network works; null when there are none or none answer
 */
public record Connection(HostPort target, InetSocketAddress address, Resolution resolution, WireFacts wire,
                         TcpState state, boolean connected, String error, VipHostEvidence host, String whose,
                         String words, String serversUp) {

    public String label() {
        return target.label();
    }

    /** A single command's attempt. */
    public static Connection of(ConnectAttempt a) {
        return new Connection(a.target(), a.address(), a.resolution(), a.wire(), a.state(), a.connected(),
                a.connect() == null ? null : a.connect().error(), a.host(), ConnectAttempt.WHOSE,
                ConnectWords.connect(a), null);
    }

    /** The VIP checklist's connection to the VIP, with its host's answers and the real servers behind it. */
    public static Connection vip(VipEvidence e) {
        EndpointEvidence v = e.vip();
        TcpState state = switch (v.state()) {
            case DNS_FAILED -> TcpState.DNS_FAILED;
            case LOCAL_ERROR -> TcpState.LOCAL_ERROR;
            case OVERRAN -> TcpState.OVERRAN;
            case REFUSED -> TcpState.REFUSED;
            case TIMEOUT -> TcpState.TIMEOUT;
            case UNREACHABLE -> TcpState.UNREACHABLE;
            default -> TcpState.CONNECTED; // every other state is after the handshake
        };
        return new Connection(v.target(), v.address(), v.resolution(), v.wire(), state, v.connected(),
                v.result() == null ? null : v.result().connect().error(), e.host(), "VIP", Describe.connect(v),
                e.hasBackends() && e.backendsUp() > 0 ? Describe.backends(e) : null);
    }
}
