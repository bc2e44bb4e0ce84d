package io.netcheck.check;

import io.netcheck.probe.ConnectTarget;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TcpConnectResult;
import io.netcheck.probe.TcpProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code tcp HOST:PORT}: the telnet test under a packet capture, so the report can say who answered. */
public final class TcpCheck {
    private final Targeting targeting;
    private final ProbeRunner runner;
    private final CaptureRun captureRun;
    private final Clock clock;
    private final TcpProbe probe = new TcpProbe();
    private final TargetHost targetHost;

    public TcpCheck(Targeting targeting, ProbeRunner runner, CaptureRun captureRun, Clock clock) {
        this.targeting = targeting;
        this.runner = runner;
        this.captureRun = captureRun;
        this.clock = clock;
        this.targetHost = new TargetHost(runner, targeting.policy(), captureRun.settings());
    }

    public TcpEvidence run(TcpRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        Target target = targeting.plan(request.target(), request.timeout());
        TcpConnectResult[] result = new TcpConnectResult[1];
        String[] problem = new String[1];
        TargetHost.Measurement measure = targetHost.measurement(target, request.capture(), request.timeout());
        CaptureRun.Captured captured = captureRun.around(request.capture(), "capture switched off (--no-capture)",
                interfaces(target), targetHost.filter(target), () -> {
                    var connect = target.probeable() ? runner.submit(probe,
                            new ConnectTarget(target.address(), target.route()), request.timeout()) : null;
                    measure.startAfter(connect);
                    if (connect != null) {
                        try {
                            result[0] = connect.join().result();
                        } catch (RuntimeException e) {
                            problem[0] = Overran.problem(e);
                        }
                    }
                    measure.await(result[0] == null || !result[0].connected());
                });
        TargetHost.Measured hostAnswers = measure.collect(captured);
        ConnectAttempt attempt = ConnectAttempt.of(target, result[0], problem[0], captured)
                .measured(hostAnswers.evidence());
        var summary = captured.summary(hostAnswers.with(attempt.flow()), hostAnswers.frames(), request.pcapFile(),
                "tcp-" + request.target().host() + "-" + request.target().port(), startedAt);
        return new TcpEvidence(request, startedAt, runner.ticker().since(t0), attempt, summary);
    }

    static List<String> interfaces(Target target) {
        return target.probeable() && target.route().interfaceName() != null
                ? List.of(target.route().interfaceName()) : List.of();
    }

}
