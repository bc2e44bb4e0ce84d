package io.netcheck.check;

import io.netcheck.capture.Flow;
import io.netcheck.capture.FlowAnalyzer;
import io.netcheck.capture.WireFacts;
import io.netcheck.check.AnswerOrigin;
import io.netcheck.check.Attribution;
import io.netcheck.check.HostPort;
import io.netcheck.check.VipHostEvidence;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.dns.Resolution;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One TCP connection attempt with its evidence: the name, the socket's answer, what the packets prove, and who
 * answered judged against the target host's own packets. Shared by {@code tcp}, {@code tls} and {@code http}, so
 * all three blame a failed connect alike.
 *
 * @param connect  null when the probe could not run ({@code problem} says why)
 * @param packets  tcpdump lines of this connection (and the ICMP errors it caused)
 * @param captured the attempt ran under a working packet capture: {@code wire} says what the packets prove
 * @param host     the target address's own host (ICMP echo, a second port), measured in the same window
 * @param origin   who answered the SYN, judged against {@code host} (VIP_HOST there means the target host itself;
 *                 NO_ANSWER when nothing answered on the wire, UNKNOWN when the host could not be measured);
 *                 null in the constructor: judged there
 */
public record ConnectAttempt(HostPort target, Resolution resolution, InetSocketAddress address, String interfaceName,
                             TcpConnectResult connect, String problem, WireFacts wire, List<String> packets,
                             boolean captured, VipHostEvidence host, Attribution origin) {
    /** How attributions name the address: "the target host", "in the target's name". */
    public static final String WHOSE = "target";

    public ConnectAttempt {
        packets = List.copyOf(packets);
        host = host != null ? host : VipHostEvidence.notMeasured("not measured");
        origin = origin != null ? origin : AnswerOrigin.of(wire, target.label(), host, WHOSE);
    }

    /** An attempt whose target host was not measured. */
    public ConnectAttempt(HostPort target, Resolution resolution, InetSocketAddress address, String interfaceName,
                          TcpConnectResult connect, String problem, WireFacts wire, List<String> packets,
                          boolean captured) {
        this(target, resolution, address, interfaceName, connect, problem, wire, packets, captured, null, null);
    }

    /** This attempt with its target host's answers, and who answered the SYN judged against them. */
    public ConnectAttempt measured(VipHostEvidence hostAnswers) {
        return new ConnectAttempt(target, resolution, address, interfaceName, connect, problem, wire, packets, captured,
                hostAnswers, null);
    }

    public TcpState state() {
        return TcpState.of(resolution, connect, problem, wire);
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
                connect, problem != null ? problem : target.problem(), WireFacts.NONE, List.of(), captured.available());
        Flow flow = bare.flow();
        if (flow == null) {
            return bare;
        }
        WireFacts wire = FlowAnalyzer.analyze(flow, captured.decoded()).facts();
        return new ConnectAttempt(bare.target, bare.resolution, bare.address, iface, connect, bare.problem, wire,
                captured.lines(p -> p.belongsTo(flow)), captured.available());
    }
}
