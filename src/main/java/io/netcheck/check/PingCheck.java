package io.netcheck.check;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.capture.PcapFileWriter;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.raw.PingProbe;
import io.netcheck.probe.raw.PingResult;
import io.netcheck.probe.raw.PingTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code ping HOST}: real ICMP echo from crafted frames; the capture is the mechanism, so it is always on. */
public final class PingCheck {
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final Targeting targeting;
    private final ProbeRunner runner;
    private final Clock clock;
    private final Path captureDir;
    private final PingProbe probe = new PingProbe();

    public PingCheck(Targeting targeting, ProbeRunner runner, Clock clock, Path captureDir) {
        this.targeting = targeting;
        this.runner = runner;
        this.clock = clock;
        this.captureDir = captureDir;
    }

    public PingEvidence run(PingRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        Target target = targeting.plan(new HostPort(request.host(), 1), request.timeout());
        if (!target.probeable()) {
            return done(request, startedAt, t0, target, null, target.problem());
        }
        Duration budget = PingRequest.INTERVAL.multipliedBy(request.count()).plus(request.timeout())
                .plus(Duration.ofSeconds(2)); // ARP
        PingResult result;
        try {
            result = runner.submit(probe, new PingTarget(target.route(), request.count(), PingRequest.INTERVAL,
                    request.timeout()), budget).join().result();
        } catch (RuntimeException e) {
            return done(request, startedAt, t0, target, null, Overran.problem(e));
        }
        return done(request, startedAt, t0, target, result, result.problem());
    }

    private PingEvidence done(PingRequest request, Instant startedAt, long t0, Target target, PingResult result,
                              String problem) {
        List<String> lines = result == null ? List.of()
                : new TcpdumpFormatter(clock.getZone()).formatFrames(result.frames());
        CaptureSummary capture = pcap(request, startedAt, result, "ping-" + request.host(), "arp or icmp");
        return new PingEvidence(request, startedAt, runner.ticker().since(t0), target.resolution(),
                target.address() == null ? null : target.address().getAddress(), result, problem, lines, capture);
    }

    /** Writes the run's frames (ours and the answers) to a .pcap, as the capture-based commands do. */
    CaptureSummary pcap(PingRequest request, Instant startedAt, PingResult result, String hint, String filter) {
        if (result == null || result.frames().isEmpty()) {
            return CaptureRun.notApplicable(result == null ? "nothing was sent" : "no frames were captured");
        }
        return pcap(captureDir, request.pcapFile(), startedAt, result.iface(), result.frames(), hint, filter);
    }

    /** Writes crafted-frame commands' frames (ping, trace, mtu) to a .pcap. */
    static CaptureSummary pcap(Path captureDir, Path pcapFile, Instant startedAt, String iface,
                               List<CapturedFrame> frames, String hint, String filter) {
        if (frames.isEmpty()) {
            return CaptureRun.notApplicable("no frames were captured");
        }
        Path file = pcapFile != null ? pcapFile : captureDir.resolve("netcheck-"
                + FILE_TIME.format(startedAt.atZone(ZoneId.of("UTC"))) + "-" + hint.replaceAll("[^A-Za-z0-9.-]", "_")
                + ".pcap");
        String written = null;
        String problem = null;
        try {
            PcapFileWriter.write(file, frames, 256);
            written = file.toAbsolutePath().toString();
        } catch (IOException | RuntimeException e) {
            problem = "the .pcap could not be written to " + file + ": " + e.getMessage();
        }
        return new CaptureSummary(true, problem, List.of(iface), filter + " (this run's frames only)", 256,
                frames.size(), 0, written);
    }

}
