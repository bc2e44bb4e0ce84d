package io.netcheck.check;

import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.check.CaptureSummary;
import io.netcheck.check.HostPort;
import io.netcheck.check.MtuFollowUp;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.raw.MtuProbe;
import io.netcheck.probe.raw.MtuResult;
import io.netcheck.probe.raw.MtuTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code mtu HOST}: the path MTU towards HOST, as tracepath / ping -M do measure it, from crafted frames;
 * the capture is the mechanism, so it is always on. IPv4 only.
 */
public final class MtuCheck {
    private final Targeting targeting;
    private final ProbeRunner runner;
    private final Clock clock;
    private final Path captureDir;
    private final MtuProbe probe = new MtuProbe();

    public MtuCheck(Targeting targeting, ProbeRunner runner, Clock clock, Path captureDir) {
        this.targeting = targeting;
        this.runner = runner;
        this.clock = clock;
        this.captureDir = captureDir;
    }

    public MtuEvidence run(MtuRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        Target target = targeting.plan(new HostPort(request.host(), 0), request.timeout());
        if (!target.probeable()) {
            return done(request, startedAt, t0, target, null, target.problem());
        }
        MtuResult result;
        try {
            result = runner.submit(probe, new MtuTarget(target.route(), MtuFollowUp.replyWait(request.timeout())),
                    request.timeout()).join().result();
        } catch (RuntimeException e) {
            return done(request, startedAt, t0, target, null, Overran.problem(e));
        }
        return done(request, startedAt, t0, target, result, result.problem());
    }

    private MtuEvidence done(MtuRequest request, Instant startedAt, long t0, Target target, MtuResult result,
                             String problem) {
        List<String> lines = result == null ? List.of()
                : new TcpdumpFormatter(clock.getZone()).formatFrames(result.frames());
        CaptureSummary capture = result == null ? CaptureRun.notApplicable("nothing was sent")
                : PingCheck.pcap(captureDir, request.pcapFile(), startedAt, result.iface(), result.frames(),
                "mtu-" + request.host(), "arp or icmp");
        return new MtuEvidence(request, startedAt, runner.ticker().since(t0), target.resolution(),
                target.address() == null ? null : target.address().getAddress(), result, problem, lines, capture);
    }
}
