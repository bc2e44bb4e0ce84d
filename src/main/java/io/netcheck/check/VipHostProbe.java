package io.netcheck.check;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.Flow;
import io.netcheck.capture.FlowAnalyzer;
import io.netcheck.capture.IcmpKind;
import io.netcheck.capture.IcmpMessage;
import io.netcheck.capture.PacketDecoder;
import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.capture.WireFacts;
import io.netcheck.probe.ConnectOutcome;
import io.netcheck.probe.ConnectTarget;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.Route;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.TcpProbe;
import io.netcheck.probe.Timed;
import io.netcheck.probe.raw.PingProbe;
import io.netcheck.probe.raw.PingResult;
import io.netcheck.probe.raw.PingTarget;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Measures the VIP address's own host in the same window as the VIP probe: two ICMP echoes and one SYN to a
 * second port. Both are probes netcheck sends on its own, so both pass the target policy first; a refused or
 * impossible one is recorded as not sent, with the reason, never silently skipped.
 *
 * <p>The single-probe commands ({@code tcp}, {@code tls}, {@code http}) measure their target's host with this same
 * probe (through {@code check.TargetHost}), so both judge "who answered?" alike.
 */
public final class VipHostProbe {
    static final int ECHOES = 2;
    static final Duration ECHO_INTERVAL = Duration.ofMillis(50);
    static final Duration ECHO_WAIT = Duration.ofSeconds(1);
    /**
     * How long the command's own probe goes first. Routers rate-limit the ICMP errors they send to one host, and
     * the host measurement triggers such errors too (an unreachable address answers every probe with one): the
     * command's own SYN must spend that budget first, or its ICMP error is the one suppressed.
     */
    public static final Duration HEAD_START = Duration.ofMillis(100);

    /** Waits until {@code first} has finished or {@link #HEAD_START} has passed, whichever comes first. */
    public static void headStart(CompletableFuture<?> first) throws InterruptedException {
        if (first == null) {
            return;
        }
        try {
            first.get(HEAD_START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException ignored) {
            // the probe reports its own failure; the head start is over either way
        }
    }

    /** How long the host's answers may trail the command's own probes: an echo round trip, with room to spare. */
    public static final Duration GRACE = Duration.ofMillis(300);

    private final ProbeRunner runner;
    private final TargetPolicy policy;
    private final ChecklistSettings settings;

    public VipHostProbe(ProbeRunner runner, TargetPolicy policy, ChecklistSettings settings) {
        this.runner = runner;
        this.policy = policy;
        this.settings = settings;
    }

    /** What was started; {@code port} is the second port's endpoint, null when no SYN is sent there. */
    public record Started(InetSocketAddress port, HostAnswer echoSkipped, HostAnswer portSkipped,
                          CompletableFuture<Timed<PingResult>> echo,
                          CompletableFuture<Timed<TcpConnectResult>> connect) {
        public static Started none(String why) {
            return new Started(null, HostAnswer.notSent(ECHO, why), HostAnswer.notSent("second port", why), null,
                    null);
        }

        /**
         * Called once the command's own probes are done: waits at most {@code grace} more for the host's answers, so
         * a host that drops ICMP and the second port never makes a healthy check wait a timeout. An answer that has
         * not come by then is recorded as none.
         */
        public void awaitQuietly(Duration grace) throws InterruptedException {
            // A bounded wait on futures is wall-clock time whatever the runner's ticker says (Future.get).
            long until = System.nanoTime() + grace.toNanos();
            for (CompletableFuture<?> f : Arrays.asList(echo, connect)) {
                if (f != null) {
                    try {
                        f.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (ExecutionException | TimeoutException ignored) {
                        // recorded when collected: failed, or no answer within the window
                    }
                }
            }
        }
    }

    static final String ECHO = "ICMP echo";

    /** The second port's endpoint for the capture filter, or null when it will not be probed. */
    public InetSocketAddress portEndpoint(InetSocketAddress vip) {
        if (!settings.measureVipHost() || vip == null) {
            return null;
        }
        int port = secondPort(vip);
        return policy.refusal(vip.getAddress(), port) != null ? null : new InetSocketAddress(vip.getAddress(), port);
    }

    /** The configured second port, or the next one up when it is the VIP's own port. */
    private int secondPort(InetSocketAddress vip) {
        return settings.vipHostPort() == vip.getPort() ? vip.getPort() % 65535 + 1 : settings.vipHostPort();
    }

    public Started start(InetSocketAddress vip, Route route, boolean capture, Duration timeout) {
        if (!settings.measureVipHost()) {
            return Started.none("switched off (netcheck.probe.measure-vip-host)");
        }
        if (vip == null || route == null) {
            return Started.none("the VIP address could not be probed");
        }
        HostAnswer echoSkipped = null;
        CompletableFuture<Timed<PingResult>> echo = null;
        String refusal = policy.refusal(vip.getAddress(), -1);
        if (refusal != null) {
            echoSkipped = HostAnswer.notSent(ECHO, "target policy: " + refusal);
        } else if (!capture) {
            echoSkipped = HostAnswer.notSent(ECHO, "needs packet capture");
        } else {
            Duration wait = timeout.compareTo(ECHO_WAIT) < 0 ? timeout : ECHO_WAIT;
            echo = runner.submit(new PingProbe(), new PingTarget(route, ECHOES, ECHO_INTERVAL, wait), timeout);
        }
        InetSocketAddress port = portEndpoint(vip);
        HostAnswer portSkipped = null;
        CompletableFuture<Timed<TcpConnectResult>> connect = null;
        if (port == null) {
            int wanted = secondPort(vip);
            portSkipped = HostAnswer.notSent("TCP port " + wanted, "target policy: "
                    + policy.refusal(vip.getAddress(), wanted));
        } else {
            connect = runner.submit(new TcpProbe(), new ConnectTarget(port, route), timeout);
        }
        return new Started(port, echoSkipped, portSkipped, echo, connect);
    }

    /**
     * Reads both answers. The second port's packets come from the run's capture (its flow is added to
     * {@code flows} so they go into the .pcap); the echo's frames come from the ping's own capture and are added to
     * {@code extraFrames}.
     */
    public VipHostEvidence collect(Started s, List<CapturedFrame> frames, List<DecodedPacket> decoded,
                                   List<Flow> flows, List<CapturedFrame> extraFrames, TcpdumpFormatter formatter,
                                   int snaplen) {
        List<CapturedFrame> portFrames = new ArrayList<>();
        List<CapturedFrame> echoFrames = new ArrayList<>();
        HostAnswer echo = s.echoSkipped() != null ? s.echoSkipped() : echo(s, echoFrames);
        HostAnswer port = s.portSkipped() != null ? s.portSkipped() : port(s, frames, decoded, flows, portFrames);
        // The echo's own capture keeps more than the run's snap length: cut to it, so the .pcap is consistent.
        echoFrames.replaceAll(f -> f.cut(snaplen));
        extraFrames.addAll(echoFrames);
        List<CapturedFrame> all = new ArrayList<>(echoFrames);
        all.addAll(portFrames);
        all.sort(Comparator.comparing(CapturedFrame::timestamp));
        return new VipHostEvidence(echo, port, formatter.formatFrames(all));
    }

    private static HostAnswer echo(Started s, List<CapturedFrame> mine) {
        if (!s.echo().isDone()) {
            return new HostAnswer(ECHO, HostAnswer.Kind.SILENT, null, null, null, "no reply within the check");
        }
        PingResult r;
        try {
            r = s.echo().join().result();
        } catch (RuntimeException e) {
            return HostAnswer.notSent(ECHO, "the echo did not finish in time");
        }
        if (r.problem() != null && r.replies().isEmpty()) {
            return HostAnswer.notSent(ECHO, r.problem());
        }
        mine.addAll(r.frames());
        HostAnswer error = null;
        for (CapturedFrame f : r.frames()) {
            if (PacketDecoder.decode(f) instanceof IcmpMessage m && !m.ip().source().equals(m.ip().destination())) {
                boolean toUs = m.echoId() == r.echoId();
                if (m.ip().version() == 4 && m.type() == 0 && toUs) {
                    return new HostAnswer(ECHO, HostAnswer.Kind.ANSWERED, m.ip().source(), m.ip().ttl(), id(m.ip().id()),
                            "echo reply");
                }
                if (m.isError() && error == null) {
                    IcmpKind kind = IcmpKind.of(m.ip().version(), m.type(), m.code());
                    error = new HostAnswer(ECHO, HostAnswer.Kind.ICMP_ERROR, m.ip().source(), m.ip().ttl(),
                            id(m.ip().id()), "ICMP " + kind.words());
                }
            }
        }
        return error != null ? error : new HostAnswer(ECHO, HostAnswer.Kind.SILENT, null, null, null, "no reply");
    }

    private static HostAnswer port(Started s, List<CapturedFrame> frames, List<DecodedPacket> decoded,
                                   List<Flow> flows, List<CapturedFrame> mine) {
        String probe = "TCP port " + s.port().getPort();
        if (!s.connect().isDone()) {
            return new HostAnswer(probe, HostAnswer.Kind.SILENT, null, null, null, "no answer within the check");
        }
        TcpConnectResult r;
        try {
            r = s.connect().join().result();
        } catch (RuntimeException e) {
            return HostAnswer.notSent(probe, "the SYN did not finish in time");
        }
        if (r.local() == null) {
            return HostAnswer.notSent(probe, r.error() == null ? "not sent" : r.error());
        }
        Flow flow = new Flow(r.local().getAddress(), r.local().getPort(), s.port().getAddress(), s.port().getPort());
        flows.add(flow);
        for (int i = 0; i < decoded.size(); i++) {
            if (decoded.get(i).belongsTo(flow)) {
                mine.add(frames.get(i));
            }
        }
        WireFacts w = FlowAnalyzer.analyze(flow, decoded).facts();
        if (w.synAckTtl() != null) {
            return new HostAnswer(probe, HostAnswer.Kind.ANSWERED, s.port().getAddress(), w.synAckTtl(),
                    w.synAckIpId(), "SYN-ACK");
        }
        if (w.resetTtl() != null) {
            return new HostAnswer(probe, HostAnswer.Kind.ANSWERED, s.port().getAddress(), w.resetTtl(), w.resetIpId(),
                    "RST");
        }
        if (w.icmp() != null) {
            return new HostAnswer(probe, HostAnswer.Kind.ICMP_ERROR, w.icmp().from(), w.icmp().ttl(), null,
                    "ICMP " + w.icmp().kind().words());
        }
        if (r.outcome() == ConnectOutcome.TIMEOUT || w.packets() > 0) {
            return new HostAnswer(probe, HostAnswer.Kind.SILENT, null, null, null, "no answer");
        }
        return HostAnswer.notSent(probe, "no capture of its answer (" + r.outcome().name().toLowerCase() + ")");
    }

    private static Integer id(int id) {
        return id < 0 ? null : id;
    }
}
