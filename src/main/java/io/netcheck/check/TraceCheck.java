package io.netcheck.check;

import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.raw.PingResult;
import io.netcheck.probe.raw.TraceProbe;
import io.netcheck.probe.raw.TraceResult;
import io.netcheck.probe.raw.TraceTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code trace HOST[:PORT]}: ICMP and TCP traceroute side by side, from crafted frames. */
public final class TraceCheck {
    private final Targeting targeting;
    private final ProbeRunner runner;
    private final Clock clock;
    private final PingCheck pcapWriter;
    private final TraceProbe probe = new TraceProbe();

    public TraceCheck(Targeting targeting, ProbeRunner runner, Clock clock, PingCheck pcapWriter) {
        this.targeting = targeting;
        this.runner = runner;
        this.clock = clock;
        this.pcapWriter = pcapWriter;
    }

    public TraceEvidence run(TraceRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        Target target = targeting.plan(request.target(), request.hopWait().multipliedBy(3));
        if (!target.probeable()) {
            return new TraceEvidence(request, startedAt, runner.ticker().since(t0), target.resolution(),
                    target.address() == null ? null : target.address().getAddress(), null, target.problem(), List.of(),
                    CaptureRun.notApplicable("nothing was sent"));
        }
        Duration budget = request.hopWait().multipliedBy(request.maxHops()).plus(Duration.ofSeconds(2));
        TraceResult result;
        String problem;
        try {
            result = runner.submit(probe, new TraceTarget(target.route(), request.target().port(), request.maxHops(),
                    request.hopWait(), TraceRequest.SILENT_LIMIT), budget).join().result();
            problem = result.problem();
        } catch (RuntimeException e) {
            result = null;
            problem = Overran.problem(e);
        }
        List<String> lines = result == null ? List.of()
                : new TcpdumpFormatter(clock.getZone()).formatFrames(result.frames());
        var capture = result == null ? CaptureRun.notApplicable("nothing was sent")
                : pcapWriter.pcap(new PingRequest(request.target().host(), 1, request.hopWait(), request.pcapFile()),
                startedAt, new PingResult(result.iface(), result.nextHop(), null, false, 0, List.of(), null,
                        result.frames()), "trace-" + request.target().host() + "-" + request.target().port(),
                "arp or icmp or (tcp and host " + target.address().getAddress().getHostAddress() + " and port "
                        + request.target().port() + ")");
        return new TraceEvidence(request, startedAt, runner.ticker().since(t0), target.resolution(),
                target.address().getAddress(), result, problem, lines, capture);
    }
}
