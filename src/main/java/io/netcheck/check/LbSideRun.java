package io.netcheck.check;

import io.netcheck.capture.CaptureFilter;
import io.netcheck.capture.CaptureResult;
import io.netcheck.capture.CaptureSession;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.Flow;
import io.netcheck.capture.PacketCapture;
import io.netcheck.capture.PacketDecoder;
import io.netcheck.capture.PcapFileWriter;
import io.netcheck.capture.TcpSegment;
import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.RouteLookup;
import io.netcheck.probe.ServiceResult;
import io.netcheck.probe.Ticker;
import io.netcheck.probe.Timed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The agent's part of {@code vip --from}: on the load balancer host, under the agent's own target policy, capture
 * where netcheck's packets arrive (the interface of the route back to netcheck) and towards the real servers,
 * say ready, probe the real servers exactly as the checklist's step 3 does, and keep capturing until the window
 * ends, so netcheck's SYNs and whatever the LB answers them are in the capture whenever they come.
 */
public final class LbSideRun {
    private static final Duration WINDOW_SLICE = Duration.ofMillis(20);

    /** Told once the capture runs, just before the real servers are probed. */
    @FunctionalInterface
    public interface Ready {
        void ready(String problem);
    }

    /**
     * @param backends step 3 from here, in the order of the request's backends
     * @param pcap     this run's packets (netcheck's flows to the VIP and the agent's own), null without a capture
     */
    public record Outcome(List<EndpointEvidence> backends, CaptureSummary capture, byte[] pcap,
                          List<InetAddress> probed) {
        public Outcome {
            backends = List.copyOf(backends);
            probed = List.copyOf(probed);
        }
    }

    private final Targeting targeting;
    private final VipChecklist checklist;
    private final PacketCapture capture;
    private final ChecklistSettings settings;
    private final Clock clock;
    private final Ticker ticker;

    public LbSideRun(Pipeline p) {
        this.targeting = new Targeting(p.resolver(), p.runner(), p.policy());
        this.checklist = new VipChecklist(p.resolver(), p.capture(), p.runner(), p.clock(), p.settings(), p.policy(),
                p.certificates());
        this.capture = p.capture();
        this.settings = p.settings();
        this.clock = p.clock();
        this.ticker = p.runner().ticker();
    }

    /**
     * @param peers  netcheck's source addresses towards the VIP
     * @param window how long to capture from ready
     * @throws io.netcheck.probe.TargetPolicy.Refused when the agent's policy refuses the VIP or a real server:
     *                                                nothing is sent
     */
    public Outcome run(VipCheckRequest request, List<InetAddress> peers, Duration window, Ready ready)
            throws InterruptedException {
        List<HostPort> targets = new ArrayList<>();
        targets.add(request.vip());
        targets.addAll(request.backends());
        List<Target> plans = targeting.planAll(targets, request.timeout());
        Target vipPlan = plans.get(0);
        List<Target> backends = plans.subList(1, plans.size());

        Set<String> interfaces = new LinkedHashSet<>();
        for (InetAddress peer : peers) {
            try {
                interfaces.add(RouteLookup.lookup(peer).interfaceName());
            } catch (RouteLookup.NoRouteException e) {
                // no way back to netcheck from here: its packets cannot be answered, the capture still shows them
            }
        }
        if (interfaces.isEmpty() && vipPlan.route() != null) {
            interfaces.add(vipPlan.route().interfaceName());
        }
        backends.stream().map(Target::route).filter(Objects::nonNull).map(r -> r.interfaceName())
                .filter(Objects::nonNull).forEach(interfaces::add);
        interfaces.remove(null);
        List<InetSocketAddress> endpoints = new ArrayList<>();
        if (vipPlan.address() != null) {
            endpoints.add(vipPlan.address());
        }
        backends.stream().filter(t -> t.route() != null).map(Target::address).forEach(endpoints::add);
        String filter = endpoints.isEmpty() ? "" : CaptureFilter.forEndpoints(endpoints);
        List<String> on = List.copyOf(interfaces);

        CaptureResult captured;
        List<CompletableFuture<Timed<ServiceResult>>> running = new ArrayList<>();
        PacketCapture source = request.capture() && !on.isEmpty() ? capture
                : PacketCapture.disabled(request.capture() ? "nothing to capture: no route to netcheck or the servers"
                        : "capture switched off (--no-capture)");
        try (CaptureSession session = source.start(on, filter, settings.snaplen())) {
            Deadline windowEnds = Deadline.in(window, ticker);
            ready.ready(source == capture ? null : "capture switched off or nothing routable");
            for (Target t : backends) {
                running.add(t.route() == null ? null : checklist.submit(t, request, false));
            }
            for (CompletableFuture<Timed<ServiceResult>> f : running) {
                if (f != null) {
                    try {
                        f.join();
                    } catch (RuntimeException ignored) {
                        // reported per endpoint below
                    }
                }
            }
            // The window is for packets that come on their own (netcheck's SYNs, the LB's answers): nothing to wait
            // on but time. Its end is a deadline on the runner's ticker like every other, so a test's ticker ends it;
            // the short slices only bound how late the wait notices.
            while (!windowEnds.expired()) {
                Thread.sleep(Math.min(WINDOW_SLICE.toMillis(), Math.max(1, windowEnds.remaining().toMillis())));
            }
            captured = session.stop(settings.linger());
        }

        List<DecodedPacket> decoded = captured.frames().stream().map(PacketDecoder::decode).toList();
        TcpdumpFormatter formatter = new TcpdumpFormatter(clock.getZone());
        List<EndpointEvidence> evidence = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) {
            evidence.add(VipChecklist.evidenceFor(backends.get(i), running.get(i), captured.frames(), decoded,
                    formatter, flows));
        }
        // netcheck's packets are whatever reached the VIP's address and port: the filter let in nothing else there.
        List<CapturedFrame> kept = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            if (VipChecklist.belongsToAny(decoded.get(i), flows) || vipPlan.address() != null
                    && touchesVip(decoded.get(i), vipPlan.address())) {
                kept.add(captured.frames().get(i));
            }
        }
        byte[] pcap = captured.available() ? bytes(kept, captured.snaplen()) : null;
        CaptureSummary summary = new CaptureSummary(captured.available(), captured.problem(), captured.interfaces(),
                captured.filter(), captured.snaplen(), kept.size(), captured.dropped(), null);
        List<InetAddress> probed = backends.stream().filter(t -> t.route() != null)
                .map(t -> t.address().getAddress()).distinct().toList();
        return new Outcome(evidence, summary, pcap, probed);
    }

    private static boolean touchesVip(DecodedPacket d, InetSocketAddress vip) {
        return d instanceof TcpSegment t
                && (t.ip().destination().equals(vip.getAddress()) && t.destinationPort() == vip.getPort()
                || t.ip().source().equals(vip.getAddress()) && t.sourcePort() == vip.getPort());
    }

    private static byte[] bytes(List<CapturedFrame> frames, int snaplen) {
        try {
            Path file = Files.createTempFile("netcheck-lb-side-", ".pcap");
            try {
                PcapFileWriter.write(file, frames, snaplen);
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            return null;
        }
    }
}
