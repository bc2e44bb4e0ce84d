package io.netcheck.check;

import io.netcheck.probe.Addresses;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.ServiceTarget;
import io.netcheck.probe.TlsProbe;
import io.netcheck.probe.TlsProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code tls HOST:PORT}: the openssl s_client test under a capture. */
public final class TlsCheck {
    private final Targeting targeting;
    private final ProbeRunner runner;
    private final CaptureRun captureRun;
    private final Clock clock;
    private final CertificateCheck certificates;
    private final TargetHost targetHost;

    public TlsCheck(Targeting targeting, ProbeRunner runner, CaptureRun captureRun, Clock clock) {
        this(targeting, runner, captureRun, clock, new CertificateCheck(TrustAnchors.system(), clock,
                CertificateCheck.DEFAULT_WARN_DAYS));
    }

    public TlsCheck(Targeting targeting, ProbeRunner runner, CaptureRun captureRun, Clock clock,
                    CertificateCheck certificates) {
        this.certificates = certificates;
        this.targeting = targeting;
        this.runner = runner;
        this.captureRun = captureRun;
        this.clock = clock;
        this.targetHost = new TargetHost(runner, targeting.policy(), captureRun.settings());
    }

    public TlsEvidence run(TlsRequest request) throws InterruptedException {
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        Target target = targeting.plan(request.target(), request.timeout());
        TlsProbeResult[] result = new TlsProbeResult[1];
        String[] problem = new String[1];
        String host = request.target().host();
        String sni = request.sni() != null ? request.sni() : Addresses.literal(host) == null ? host : null;
        if (target.probeable()) {
            certificates.warmUp();
        }
        TargetHost.Measurement measure = targetHost.measurement(target, request.capture(), request.timeout());
        CaptureRun.Captured captured = captureRun.around(request.capture(), "capture switched off (--no-capture)",
                TcpCheck.interfaces(target), targetHost.filter(target), () -> {
                    if (target.probeable()) {
                        ServiceTarget st = new ServiceTarget(request.target().label(), target.address(), target.route(),
                                host, "/", true, sni);
                        try {
                            TlsProbe probe = new TlsProbe(certificates.withWarnDays(request.warnDays()));
                            var handshake = runner.submit(probe, st, request.timeout());
                            measure.startAfter(handshake);
                            result[0] = handshake.join().result();
                        } catch (RuntimeException e) {
                            problem[0] = Overran.problem(e);
                        }
                    }
                    if (!target.probeable()) {
                        measure.startAfter(null);
                    }
                    measure.await(result[0] == null || result[0].tls() == null || !result[0].tls().established());
                });
        TargetHost.Measured hostAnswers = measure.collect(captured);
        ConnectAttempt attempt = ConnectAttempt.of(target, result[0] == null ? null : result[0].connect(), problem[0],
                captured).measured(hostAnswers.evidence());
        var summary = captured.summary(hostAnswers.with(attempt.flow()), hostAnswers.frames(), request.pcapFile(),
                "tls-" + host + "-" + request.target().port(), startedAt);
        TlsObservation handshake = result[0] == null || result[0].tls() == null ? null
                : new TlsObservation(request.target().label(), result[0].tls(), attempt.wire());
        return new TlsEvidence(request, startedAt, runner.ticker().since(t0), attempt, handshake,
                summary);
    }
}
