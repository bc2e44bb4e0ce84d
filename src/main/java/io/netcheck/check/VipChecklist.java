package io.netcheck.check;

import io.netcheck.probe.ExchangeOutcome;
import java.util.concurrent.atomic.AtomicInteger;
import io.netcheck.capture.CaptureFilter;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.DecodedPacket;
import io.netcheck.capture.Flow;
import io.netcheck.capture.FlowAnalyzer;
import io.netcheck.capture.PacketCapture;
import io.netcheck.capture.TcpSegment;
import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.capture.WireFacts;
import io.netcheck.probe.Addresses;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.Probe;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.Route;
import io.netcheck.probe.ServiceProbe;
import io.netcheck.probe.ServiceResult;
import io.netcheck.probe.ServiceTarget;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.Timed;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.probe.dns.NameResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The three-step load-balancer checklist: (1) does the connection reach the VIP, (2) is the VIP L4 or L7,
 * (3) can the real servers be reached. Every endpoint is probed at once under one capture, so the run
 * takes about one timeout however many backends there are; the steps are an order of reasoning, not of
 * execution.
 */
public final class VipChecklist {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Targeting targeting;
    private final CaptureRun captureRun;
    private final ProbeRunner runner;
    private final Clock clock;
    private final ChecklistSettings settings;
    private final ServiceProbe probe;
    private final CertificateCheck certificates;
    private final TargetPolicy policy;
    private final VipHostProbe hostProbe;
    private final MtuFollowUp mtuFollowUp;

    public VipChecklist(NameResolver resolver, PacketCapture capture, ProbeRunner runner, Clock clock,
                        ChecklistSettings settings) {
        this(resolver, capture, runner, clock, settings, TargetPolicy.OPEN);
    }

    public VipChecklist(NameResolver resolver, PacketCapture capture, ProbeRunner runner, Clock clock,
                        ChecklistSettings settings, TargetPolicy policy) {
        this(resolver, capture, runner, clock, settings, policy,
                new CertificateCheck(TrustAnchors.system(), clock, CertificateCheck.DEFAULT_WARN_DAYS));
    }

    /** @param certificates how the VIP's certificate is judged (trust store, CA bundle, warning window) */
    public VipChecklist(NameResolver resolver, PacketCapture capture, ProbeRunner runner, Clock clock,
                        ChecklistSettings settings, TargetPolicy policy, CertificateCheck certificates) {
        this.probe = new ServiceProbe(certificates, settings.maxBody());
        this.certificates = certificates;
        this.policy = policy;
        this.targeting = new Targeting(resolver, runner, policy);
        this.captureRun = new CaptureRun(capture, settings, clock);
        this.runner = runner;
        this.clock = clock;
        this.settings = settings;
        this.hostProbe = new VipHostProbe(runner, policy, settings);
        this.mtuFollowUp = new MtuFollowUp(runner, policy, clock);
    }

    public VipEvidence run(VipCheckRequest request) throws InterruptedException {
        return run(request, ChecklistProgress.NONE);
    }

    public VipEvidence run(VipCheckRequest request, ChecklistProgress progress) throws InterruptedException {
        return run(request, progress, null);
    }

    /**
     * @param side the load balancer's side (an agent on the LB host), null for netcheck's position alone: with it,
     *             netcheck probes only the VIP and the agent probes the real servers and captures on its side
     */
    public VipEvidence run(VipCheckRequest request, ChecklistProgress progress, LbSide side)
            throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        List<HostPort> targets = new ArrayList<>();
        targets.add(request.vip());
        targets.addAll(request.backends());

        // Resolved, routed and checked against the policy in one go: the whole command is refused before any
        // packet leaves, so a refused backend cannot be probed by hiding it in a list.
        List<Target> plans = targeting.planAll(targets, request.timeout());
        Target vipPlan = plans.get(0);
        // With a side, the real servers are the agent's to probe: here they are only planned (the policy), and
        // may well be unroutable from this position.
        List<Target> probedHere = side == null ? plans : plans.subList(0, 1);
        if (request.tls()) {
            certificates.warmUp();
        }
        List<String> interfaces = probedHere.stream().map(p -> p.route()).filter(Objects::nonNull)
                .map(Route::interfaceName).filter(Objects::nonNull).distinct().toList();
        List<InetSocketAddress> endpoints = new ArrayList<>(probedHere.stream().filter(p -> p.route() != null)
                .map(p -> p.address()).toList());
        InetSocketAddress hostPort = vipPlan.route() == null ? null : hostProbe.portEndpoint(vipPlan.address());
        if (hostPort != null) {
            endpoints.add(hostPort);
        }
        String filter = endpoints.isEmpty() ? "" : CaptureFilter.forEndpoints(endpoints);

        LbSide.Started sideJob = null;
        LbSide.Ready ready = null;
        if (side != null) {
            sideJob = side.start(peers(vipPlan), sideWindow(request));
            try {
                ready = sideJob.awaitReady(request.timeout());
            } catch (RuntimeException | InterruptedException e) {
                sideJob.cancel();
                throw e;
            }
        }
        VipHostProbe.Started[] hostStarted = new VipHostProbe.Started[1];
        List<CompletableFuture<Timed<ServiceResult>>> running = new ArrayList<>();
        // The shared capture path of every command: one capture around all of this run's probes.
        CaptureRun.Captured captured = captureRun.around(request.capture(), "capture switched off (--no-capture)",
                interfaces, filter, () -> {
                    AtomicInteger done = new AtomicInteger(
                            (int) probedHere.stream().filter(p -> p.route() == null).count());
                    for (int i = 0; i < probedHere.size(); i++) {
                        Target p = probedHere.get(i);
                        boolean isVip = i == 0;
                        CompletableFuture<Timed<ServiceResult>> f = p.route() == null ? null : submit(p, request, isVip);
                        if (f != null) {
                            f.whenComplete((timed, error) -> progress.probeFinished(p.hostPort(), isVip,
                                    error != null ? "ERROR" : outcomeOf(timed.result()), done.incrementAndGet(),
                                    probedHere.size()));
                        }
                        running.add(f);
                    }
                    // The VIP host's own answers, measured in the same window, once the VIP's SYN has had its head
                    // start.
                    VipHostProbe.headStart(running.get(0));
                    VipHostProbe.Started host = hostProbe.start(vipPlan.route() == null ? null : vipPlan.address(),
                            vipPlan.route(), request.capture(), request.timeout());
                    for (CompletableFuture<Timed<ServiceResult>> f : running) {
                        if (f != null) {
                            try {
                                f.join();
                            } catch (RuntimeException ignored) {
                                // reported per endpoint below
                            }
                        }
                    }
                    // When the VIP served, the host's answers only refine the layer: they may trail by the grace at
                    // most. When it failed, who answered decides the team: wait for them (each bounded by its own
                    // deadline).
                    host.awaitQuietly(served(running.get(0)) ? VipHostProbe.GRACE : request.timeout());
                    hostStarted[0] = host;
                });

        List<DecodedPacket> decoded = captured.decoded();
        TcpdumpFormatter formatter = captured.formatter();
        List<EndpointEvidence> evidence = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < probedHere.size(); i++) {
            evidence.add(evidenceFor(probedHere.get(i), running.get(i), captured.frames(), decoded, formatter, flows));
        }
        LbSideEvidence lbSide = null;
        if (sideJob != null) {
            LbSide.Result theirs;
            try {
                // The agent captures for its window from ready; its answer comes at the end of it.
                theirs = sideJob.finish(sideWindow(request).plus(request.timeout()));
            } catch (RuntimeException | InterruptedException e) {
                sideJob.cancel();
                throw e;
            }
            evidence.addAll(theirs.backends());
            lbSide = LbSideAnalysis.collect(side.name(), ready, theirs, evidence.get(0), peers(vipPlan), formatter,
                    pcapFile(request, startedAt, "-" + side.name()), settings.snaplen());
        }
        List<CapturedFrame> extraFrames = new ArrayList<>();
        VipHostEvidence host = hostProbe.collect(hostStarted[0], captured.frames(), decoded, flows, extraFrames, formatter,
                settings.snaplen());
        List<PathMtu> pathMtu = pathMtu(request, probedHere, evidence);
        pathMtu.forEach(m -> extraFrames.addAll(m.frames()));
        CaptureSummary summary = captured.summary(d -> belongsToAny(d, flows), extraFrames, request.pcapFile(),
                request.vip().host() + "-" + request.vip().port(), startedAt);

        EndpointEvidence vip = evidence.get(0);
        List<EndpointEvidence> backends = evidence.subList(1, evidence.size());
        Attribution attribution = AnswerOrigin.of(vip, host);
        LayerInference layer = LayerInspector.infer(vip, backends, attribution);
        return new VipEvidence(request, startedAt, runner.ticker().since(t0), vip, backends, layer,
                summary, host, attribution, pathMtu, lbSide);
    }

    /** netcheck's source address towards the VIP: where the agent will see its packets come from. */
    private static List<InetAddress> peers(Target vipPlan) {
        return vipPlan.route() == null || vipPlan.route().source() == null ? List.of()
                : List.of(vipPlan.route().source());
    }

    /**
     * How long the agent captures once ready: netcheck's VIP probe (one timeout), plus a margin for the
     * ready message's trip here and the probe's start.
     */
    static Duration sideWindow(VipCheckRequest request) {
        return request.timeout().plus(LINGER_MARGIN);
    }

    private static final Duration LINGER_MARGIN = Duration.ofMillis(200);

    /** One endpoint's probe, as the checklist runs it (the agent's side runs the real servers' the same way). */
    CompletableFuture<Timed<ServiceResult>> submit(Target p, VipCheckRequest request, boolean isVip) {
        return runner.submit(probeFor(isVip, request), serviceTarget(p, request, isVip), request.timeout());
    }

    /** Real servers behind a TLS VIP may get a second, plain-HTTP try (see {@link #probeBehindTls}). */
    private Probe<ServiceTarget, ServiceResult> probeFor(boolean isVip, VipCheckRequest request) {
        return isVip || !request.tls() || !request.backendTls() ? probe : this::probeBehindTls;
    }

    /**
     * A real server that answers the TLS ClientHello in clear text (its HTTP 400) is asked again in plain
     * HTTP, within the same deadline: the load balancer terminates TLS and speaks HTTP to it, so that is the
     * request that tells whether it serves. Same address and port as the first try, asked of the policy
     * again all the same, and under the same capture.
     */
    private ServiceResult probeBehindTls(ServiceTarget target, Deadline deadline) {
        ServiceResult tls = probe.probe(target, deadline);
        if (tls.tls() == null || !tls.tls().answeredInClearText() || deadline.expired()
                || policy.refusal(target.address().getAddress(), target.address().getPort()) != null) {
            return tls;
        }
        return probe.probe(target.withoutTls(), deadline).after(tls);
    }

    /**
     * The path MTU follow-up, only when a flow stalled after its request (connected, request sent, then
     * silence or a stalled body): after the main probes, within one more probe timeout.
     */
    private List<PathMtu> pathMtu(VipCheckRequest request, List<Target> plans, List<EndpointEvidence> evidence)
            throws InterruptedException {
        List<MtuFollowUp.Stalled> stalled = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Target p = plans.get(i);
            if (p.route() != null && evidence.get(i).stalledAfterRequest()) {
                stalled.add(new MtuFollowUp.Stalled(p.hostPort().label(), p.address().getAddress(), p.route()));
            }
        }
        if (stalled.isEmpty()) {
            return List.of();
        }
        if (!request.capture()) {
            return MtuFollowUp.skipped(stalled, "not measured: --no-capture (the measurement is packets netcheck "
                    + "sends and captures itself)");
        }
        return mtuFollowUp.measure(stalled, request.timeout(), settings.snaplen());
    }

    private static boolean served(CompletableFuture<Timed<ServiceResult>> vip) {
        if (vip == null || !vip.isDone() || vip.isCompletedExceptionally()) {
            return false;
        }
        ServiceResult r = vip.join().result();
        return r.exchange() != null && r.exchange().response() != null && !r.exchange().response().isServerError();
    }

    private static String outcomeOf(ServiceResult r) {
        if (!r.connect().connected()) {
            return r.connect().outcome().name();
        }
        if (r.tls() != null && !r.tls().established()) {
            return "TLS_FAILED";
        }
        if (r.exchange() == null) {
            return "CONNECTED";
        }
        return r.exchange().response() != null ? "HTTP " + r.exchange().response().status()
                + (r.exchange().outcome() == ExchangeOutcome.BODY_STALLED ? ", BODY_STALLED" : "")
                : r.exchange().outcome().name();
    }

    /** A target after resolution and route lookup, ready to probe (or with the reason it cannot be). */
    static ServiceTarget serviceTarget(Target p, VipCheckRequest request, boolean isVip) {
        boolean tls = isVip ? request.tls() : request.tls() && request.backendTls();
        String hostHeader = request.vip().host().contains(":") ? "[" + request.vip().host() + "]" : request.vip().host();
        if (request.vip().port() != 80 && request.vip().port() != 443) {
            hostHeader += ":" + request.vip().port();
        }
        String sni = request.sni() != null ? request.sni() : Addresses.literal(request.vip().host()) == null
                ? request.vip().host() : null;
        // Backends get the VIP's Host header and SNI: they are asked exactly what the LB would forward.
        return new ServiceTarget(p.hostPort().label(), p.address(), p.route(), hostHeader, request.path(), tls, sni);
    }

    static EndpointEvidence evidenceFor(Target p, CompletableFuture<Timed<ServiceResult>> future,
                                         List<CapturedFrame> frames, List<DecodedPacket> decoded,
                                         TcpdumpFormatter formatter, List<Flow> flows) {
        if (future == null) {
            return new EndpointEvidence(p.hostPort(), p.resolution(), p.address(), null, null, p.problem(), WireFacts.NONE,
                    List.of(), 0, Duration.ZERO);
        }
        Timed<ServiceResult> timed;
        try {
            timed = future.join();
        } catch (RuntimeException e) {
            return new EndpointEvidence(p.hostPort(), p.resolution(), p.address(), p.route().interfaceName(), null,
                    Overran.problem(e), WireFacts.NONE,
                    List.of(), 0, Duration.ZERO);
        }
        ServiceResult result = timed.result();
        InetSocketAddress local = result.connect().local();
        if (local == null) {
            return new EndpointEvidence(p.hostPort(), p.resolution(), p.address(), p.route().interfaceName(), result, null,
                    WireFacts.NONE, List.of(), 0, timed.elapsed());
        }
        Flow flow = new Flow(local.getAddress(), local.getPort(), p.address().getAddress(), p.address().getPort());
        flows.add(flow);
        Flow tlsFlow = tlsAttemptFlow(result, p.address());
        if (tlsFlow != null) {
            flows.add(tlsFlow);
            return reprobed(p, timed, flow, tlsFlow, frames, decoded, formatter);
        }
        FlowAnalyzer.FlowPackets packets = FlowAnalyzer.analyze(flow, decoded);
        // Format from the frames so the lines are exactly what tcpdump -r prints for the .pcap.
        List<CapturedFrame> flowFrames = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            if (decoded.get(i).belongsTo(flow)) {
                flowFrames.add(frames.get(i));
            }
        }
        List<String> lines = formatter.formatFrames(flowFrames);
        return new EndpointEvidence(p.hostPort(), p.resolution(), p.address(), p.route().interfaceName(), result, null,
                packets.facts(), lines, requestIndex(packets.packets(), flow), timed.elapsed());
    }

    /** The connection of the TLS try a plain-HTTP result followed, null when there was none. */
    private static Flow tlsAttemptFlow(ServiceResult result, InetSocketAddress address) {
        InetSocketAddress local = result.tlsAttempt() == null ? null : result.tlsAttempt().connect().local();
        return local == null ? null
                : new Flow(local.getAddress(), local.getPort(), address.getAddress(), address.getPort());
    }

    /**
     * A server asked twice (TLS, then plain HTTP): both connections' packets in time order; the wire facts
     * are the plain one's, whose result the state is judged on.
     */
    private static EndpointEvidence reprobed(Target p, Timed<ServiceResult> timed, Flow plain, Flow tls,
                                             List<CapturedFrame> frames, List<DecodedPacket> decoded,
                                             TcpdumpFormatter formatter) {
        List<CapturedFrame> both = new ArrayList<>();
        List<DecodedPacket> bothDecoded = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            if (decoded.get(i).belongsTo(plain) || decoded.get(i).belongsTo(tls)) {
                both.add(frames.get(i));
                bothDecoded.add(decoded.get(i));
            }
        }
        return new EndpointEvidence(p.hostPort(), p.resolution(), p.address(), p.route().interfaceName(), timed.result(), null,
                FlowAnalyzer.analyze(plain, decoded).facts(), formatter.formatFrames(both),
                requestIndex(bothDecoded, tls), timed.elapsed());
    }

    private static int requestIndex(List<DecodedPacket> packets, Flow flow) {
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i) instanceof TcpSegment tcp && tcp.payloadLength() > 0
                    && tcp.sourcePort() == flow.localPort() && tcp.ip().source().equals(flow.localAddress())) {
                return i;
            }
        }
        return packets.size();
    }

    /** The default .pcap of a run; {@code suffix} tells a side's file from netcheck's own. */
    private Path pcapFile(VipCheckRequest request, Instant startedAt, String suffix) {
        Path own = request.pcapFile();
        if (own != null) {
            String name = own.getFileName().toString();
            return suffix.isEmpty() ? own : own.resolveSibling(name.endsWith(".pcap")
                    ? name.substring(0, name.length() - 5) + suffix + ".pcap" : name + suffix);
        }
        return settings.captureDir().resolve("netcheck-" + FILE_TIME.format(startedAt.atZone(ZoneId.of("UTC"))) + "-"
                + request.vip().host().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + request.vip().port() + suffix + ".pcap");
    }

    static boolean belongsToAny(DecodedPacket packet, List<Flow> flows) {
        return flows.stream().anyMatch(packet::belongsTo);
    }
}
