package io.netcheck.config;

import io.netcheck.capture.PacketCapture;
import io.netcheck.check.Pipeline;
import io.netcheck.command.CommandParser;
import io.netcheck.kube.ServicePools;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.Ticker;
import io.netcheck.probe.dns.DnsjavaResolver;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.verdict.VerdictEngine;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the plain-Java core into CDI; what each part is made of is in {@link CheckWiring}, which the CLI's lean
 * start uses too. Clock and resolver are default beans so tests can replace them.
 */
@ApplicationScoped
public class Beans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Produces
    @DefaultBean
    @Singleton
    NameResolver resolver() {
        return new DnsjavaResolver();
    }

    @Produces
    @DefaultBean
    @Singleton
    PacketCapture capture(NetcheckConfig config) {
        return CheckWiring.capture(config);
    }

    @Produces
    @Singleton
    TargetPolicy policy(NetcheckConfig config) {
        return CheckWiring.policy(config);
    }

    /** The one monotonic time source of deadlines (probes, runner); a default bean so tests can replace it. */
    @Produces
    @DefaultBean
    @Singleton
    Ticker ticker() {
        return Ticker.SYSTEM;
    }

    @Produces
    @Singleton
    ProbeRunner runner(NetcheckConfig config, Clock clock, Ticker ticker) {
        return CheckWiring.runner(config, clock, ticker);
    }

    void close(@Disposes ProbeRunner runner) {
        runner.close();
    }

    @Produces
    @Singleton
    CertificateCheck certificates(NetcheckConfig config, Clock clock) {
        return CheckWiring.certificates(config, clock);
    }

    @Produces
    @Singleton
    Pipeline pipeline(NameResolver resolver, PacketCapture capture, ProbeRunner runner, Clock clock,
                      NetcheckConfig config, TargetPolicy policy, CertificateCheck certificates) {
        return CheckWiring.pipeline(resolver, capture, runner, clock, config, policy, certificates);
    }

    @Produces
    @Singleton
    CommandParser parser(NetcheckConfig config) {
        return CheckWiring.parser(config);
    }

    @Produces
    @Singleton
    VerdictEngine verdicts(NetcheckConfig config) {
        return CheckWiring.verdicts(config);
    }

    @Produces
    @Singleton
    ServicePools servicePools(NetcheckConfig config) {
        return CheckWiring.servicePools(config);
    }
}
