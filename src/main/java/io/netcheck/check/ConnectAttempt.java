package io.netcheck.check;

import io.netcheck.capture.Flow;
import io.netcheck.capture.FlowAnalyzer;
import io.netcheck.capture.WireFacts;
import io.netcheck.checklist.HostPort;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.dns.Resolution;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One TCP connection attempt with its evidence: the name, the socket's answer, what the packets prove.
 * Shared by {@code tcp}, {@code tls} and {@code http}, so all three blame a failed connect alike.
 *
 * @param connect null when the probe could not run ({@code problem} says why)
 * @param packets tcpdump lines of this connection (and the ICMP errors it caused)
 */
public record ConnectAttempt(HostPort target, Resolution resolution, InetSocketAddress address, String interfaceName,
                             TcpConnectResult connect, String problem, WireFacts wire, List<String> packets) {
    public ConnectAttempt {
        packets = List.copyOf(packets);
    }

    public TcpState state() {
        return TcpState.of(resolution, connect, wire);
    }

    public boolean connected() {
        return connect != null && connect.connected();
    }

    /** This attempt's flow, null when no socket was bound. */
    public Flow flow() {
        if (connect == null || connect.local() == null || address == null) {
            return null;
        }
        return new Flow(connect.local().getAddress(), connect.local().getPort(), address.getAddress(),
                address.getPort());
    }

    /** Ties the capture to the attempt. */
    static ConnectAttempt of(Target target, TcpConnectResult connect, String problem, CaptureRun.Captured captured) {
        String iface = target.route() == null ? null : target.route().interfaceName();
        ConnectAttempt bare = new ConnectAttempt(target.hostPort(), target.resolution(), target.address(), iface,
                connect, problem != null ? problem : target.problem(), WireFacts.NONE, List.of());
        Flow flow = bare.flow();
        if (flow == null) {
            return bare;
        }
        WireFacts wire = FlowAnalyzer.analyze(flow, captured.decoded()).facts();
        return new ConnectAttempt(bare.target, bare.resolution, bare.address, iface, connect, bare.problem, wire,
                captured.lines(p -> p.belongsTo(flow)));
    }
}
