package io.netcheck.check;

import java.util.concurrent.CompletableFuture;
import io.netcheck.capture.CaptureFilter;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.Flow;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.check.VipHostEvidence;
import io.netcheck.check.VipHostProbe;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The target address's own host, measured beside a command's connect inside its capture window: two ICMP echoes
 * and a SYN to a second port, both through the target policy. It is the VIP checklist's {@link VipHostProbe}, so
 * {@code tcp}, {@code tls} and {@code http} decide who answered their SYN (the target host, a device in the path
 * forging an RST in its name, a host behind a NAT) exactly as {@code vip} does.
 */
final class TargetHost {
    /**
     * How long the host's own answers are waited for: a host that answers at all does so within the echo's wait,
     * and a second port that a firewall drops must not hold a healthy one-second check for the whole --timeout.
     */
    static final Duration WAIT = Duration.ofSeconds(1);

    private final VipHostProbe probe;
    private final int snaplen;

    TargetHost(ProbeRunner runner, TargetPolicy policy, ChecklistSettings settings) {
        this.probe = new VipHostProbe(runner, policy, settings);
        this.snaplen = settings.snaplen();
    }

    /** The capture filter for the target's port and the host's second port. */
    String filter(Target target) {
        if (target.address() == null) {
            return "";
        }
        List<InetSocketAddress> endpoints = new ArrayList<>(List.of(target.address()));
        InetSocketAddress second = target.probeable() ? probe.portEndpoint(target.address()) : null;
        if (second != null) {
            endpoints.add(second);
        }
        return CaptureFilter.forEndpoints(endpoints);
    }

    /** One measurement: {@link #start()} and {@link #await()} inside the capture window, then {@link #collect}. */
    Measurement measurement(Target target, boolean capture, Duration timeout) {
        return new Measurement(target, capture, timeout);
    }

    final class Measurement {
        private final Target target;
        private final boolean capture;
        private final Duration timeout;
        private VipHostProbe.Started started;

        private Measurement(Target target, boolean capture, Duration timeout) {
            this.target = target;
            this.capture = capture;
            this.timeout = timeout;
        }

        /** Starts once the command's own probe has had its head start (see {@link VipHostProbe#HEAD_START}). */
        void startAfter(CompletableFuture<?> first) throws InterruptedException {
            VipHostProbe.headStart(first);
            Duration wait = timeout.compareTo(WAIT) < 0 ? timeout : WAIT;
            started = target.probeable() ? probe.start(target.address(), target.route(), capture, wait)
                    : VipHostProbe.Started.none("the target itself could not be probed");
        }

        /**
         * @param failed the command's own probe failed: then who answered decides the verdict, and the host's answers
         *               are waited for (each bounded by its own deadline, at most {@link #WAIT}); otherwise they may
         *               trail by {@link VipHostProbe#GRACE} at most
         */
        void await(boolean failed) throws InterruptedException {
            if (started != null) {
                started.awaitQuietly(failed ? WAIT : VipHostProbe.GRACE);
            }
        }

        /** The host's answers, read from the window's capture (and the echo's own frames). */
        Measured collect(CaptureRun.Captured captured) {
            if (started == null) {
                return new Measured(VipHostEvidence.notMeasured("not started"), List.of(), List.of());
            }
            List<Flow> flows = new ArrayList<>();
            List<CapturedFrame> echoFrames = new ArrayList<>();
            VipHostEvidence evidence = probe.collect(started, captured.frames(), captured.decoded(), flows,
                    echoFrames, captured.formatter(), snaplen);
            return new Measured(evidence, flows, captured.available() ? echoFrames : List.of());
        }
    }

    /**
     * @param flows  the second port's connection, whose packets go into the .pcap
     * @param frames the echoes' frames from the ping's own capture, for the .pcap
     */
    record Measured(VipHostEvidence evidence, List<Flow> flows, List<CapturedFrame> frames) {
        boolean owns(DecodedPacket p) {
            return flows.stream().anyMatch(p::belongsTo);
        }

        /** This run's packets: the command's own connection, and the host measurement's. */
        Predicate<DecodedPacket> with(Flow flow) {
            return p -> flow != null && p.belongsTo(flow) || owns(p);
        }
    }
}
