package io.netcheck.check;

import io.netcheck.capture.PacketCapture;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.dns.NameResolver;
import java.time.Clock;

/**
 * The shared pieces every command's probe is built from, once, at start-up: resolving and the target policy
 * ({@link #targeting()}), the packet capture around the probes and flow attribution ({@link #captureRun()}),
 * the probe runner, the clock and the one certificate judgement.
 */
public record Pipeline(NameResolver resolver, ProbeRunner runner, PacketCapture capture, Clock clock,
                       TargetPolicy policy, CertificateCheck certificates, ChecklistSettings settings,
                       Targeting targeting, CaptureRun captureRun) {

    public static Pipeline of(NameResolver resolver, ProbeRunner runner, PacketCapture capture, Clock clock,
                              TargetPolicy policy, CertificateCheck certificates, ChecklistSettings settings) {
        return new Pipeline(resolver, runner, capture, clock, policy, certificates, settings,
                new Targeting(resolver, runner, policy), new CaptureRun(capture, settings, clock));
    }
}
