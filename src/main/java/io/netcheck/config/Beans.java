package io.netcheck.config;

import io.netcheck.capture.PacketCapture;
import io.netcheck.capture.Pcap4jCapture;
import io.netcheck.checklist.ChecklistSettings;
import io.netcheck.checklist.VipChecklist;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.probe.dns.DnsjavaResolver;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Team;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.VerdictEngine;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wires the plain-Java core into CDI. Clock and resolver are default beans so tests can replace them. */
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
        return config.capture().enabled() ? new Pcap4jCapture(config.capture().keepPayload())
                : PacketCapture.disabled("capture disabled by configuration (netcheck.capture.enabled=false)");
    }

    @Produces
    @Singleton
    TargetPolicy policy(NetcheckConfig config) {
        var p = config.policy();
        if (!p.enabled()) {
            return TargetPolicy.OPEN;
        }
        return new TargetPolicy(p.allowCidrs().orElse(List.of()).stream().map(TargetPolicy.Cidr::parse).toList(),
                java.util.stream.Stream.concat(p.builtinDeny().stream(), p.denyCidrs().orElse(List.of()).stream())
                        .map(TargetPolicy.Cidr::parse).toList(),
                TargetPolicy.ports(p.allowPorts().orElse(List.of())), TargetPolicy.ports(p.denyPorts().orElse(List.of())),
                "netcheck.policy");
    }

    @Produces
    @Singleton
    ProbeRunner runner(NetcheckConfig config, Clock clock) {
        return new ProbeRunner(config.probe().maxParallel(), clock);
    }

    void close(@Disposes ProbeRunner runner) {
        runner.close();
    }

    /** The one certificate judgement of vip, tls and http; the CA bundle is read here, once. */
    @Produces
    @Singleton
    CertificateCheck certificates(NetcheckConfig config, Clock clock) {
        TrustAnchors anchors = config.tls().caBundle().map(Path::of).map(TrustAnchors::withBundle)
                .orElseGet(TrustAnchors::system);
        return new CertificateCheck(anchors, clock, config.probe().certWarnDays());
    }

    @Produces
    @Singleton
    VipChecklist checklist(NameResolver resolver, PacketCapture capture, ProbeRunner runner, Clock clock,
                           NetcheckConfig config, TargetPolicy policy, CertificateCheck certificates) {
        Path dir = Path.of(config.capture().directory().orElse(System.getProperty("java.io.tmpdir")));
        return new VipChecklist(resolver, capture, runner, clock,
                new ChecklistSettings(config.capture().snaplen(), config.capture().linger(), dir,
                        config.probe().measureVipHost(), vipHostPort(config), maxBody(config)), policy, certificates);
    }

    static int maxBody(NetcheckConfig config) {
        int maxBody = config.probe().maxBody();
        if (maxBody < 1) {
            throw new IllegalArgumentException("netcheck.probe.max-body must be at least 1 byte, not " + maxBody);
        }
        return maxBody;
    }

    @Produces
    @Singleton
    CommandParser parser(NetcheckConfig config) {
        var p = config.probe();
        var w = config.watch();
        return new CommandParser(new Limits(p.maxBackends(), p.minTimeout(), p.maxTimeout(), p.timeout(),
                p.certWarnDays(), p.maxListen(), p.defaultListen(), p.maxPings(), p.maxHops()),
                new io.netcheck.command.WatchLimits(w.defaultEvery(), w.minEvery(), w.maxEvery(),
                        config.summary().minInterval()));
    }

    @Produces
    @Singleton
    VerdictEngine verdicts(NetcheckConfig config) {
        return new VerdictEngine(teams(config));
    }

    static int vipHostPort(NetcheckConfig config) {
        int port = config.probe().vipHostPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("netcheck.probe.vip-host-port: " + port + " is not a TCP port (1-65535)");
        }
        return port;
    }

    public static TeamDirectory teams(NetcheckConfig config) {
        Map<Cause, String> owners = new EnumMap<>(Cause.class);
        config.owner().forEach((cause, team) -> {
            try {
                owners.put(Cause.valueOf(cause.toUpperCase(Locale.ROOT)), team);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("netcheck.owner." + cause + ": no such cause; causes are "
                        + java.util.Arrays.toString(Cause.values()));
            }
        });
        Map<String, Team> teams = new HashMap<>();
        config.team().forEach((key, t) -> teams.put(key, new Team(key, t.name().orElse(null),
                t.slackGroup().orElse(null))));
        return new TeamDirectory(owners, teams);
    }

    // ---- svc/ targets ----

    /** Reads svc/ targets; the cluster client behind it is created only when one is used. */
    @Produces
    @Singleton
    io.netcheck.kube.ServicePools servicePools(NetcheckConfig config) {
        var k = config.kubernetes();
        return new io.netcheck.kube.ServicePools(new io.netcheck.kube.ClusterClients(k.enabled(),
                () -> io.netcheck.kube.ClusterClients.fabric8(k.timeout()),
                java.util.Optional.ofNullable(System.getProperty("kubernetes.master")), System.getenv(),
                Path.of(System.getProperty("user.home"))), k.timeout(), config.probe().maxBackends());
    }

    // ---- the single-probe commands (tcp, dns, http, tls, listeners, listen, ping, trace, mtu) ----

    @Produces
    @Singleton
    io.netcheck.check.CaptureRun captureRun(PacketCapture capture, Clock clock, NetcheckConfig config) {
        Path dir = Path.of(config.capture().directory().orElse(System.getProperty("java.io.tmpdir")));
        // tcp, tls and http measure their target's host like vip measures the VIP's: same switch, same port.
        return new io.netcheck.check.CaptureRun(capture, new ChecklistSettings(config.capture().snaplen(),
                config.capture().linger(), dir, config.probe().measureVipHost(), vipHostPort(config), maxBody(config)),
                clock);
    }

    @Produces
    @Singleton
    io.netcheck.ProbeChecks probeChecks(NameResolver resolver, ProbeRunner runner, io.netcheck.check.CaptureRun captureRun,
                                       Clock clock, NetcheckConfig config, TargetPolicy policy,
                                       CertificateCheck certificates) {
        var targeting = new io.netcheck.check.Targeting(resolver, runner, policy);
        var ping = new io.netcheck.check.PingCheck(targeting, runner, clock, captureRun.settings().captureDir());
        return new io.netcheck.ProbeChecks(new io.netcheck.check.TcpCheck(targeting, runner, captureRun, clock),
                new io.netcheck.check.DnsCheck(runner, clock, io.netcheck.check.DnsCheck.SYSTEM_SERVERS, policy),
                new io.netcheck.check.TlsCheck(targeting, runner, captureRun, clock, certificates),
                new io.netcheck.check.HttpCheck(targeting, runner, captureRun, clock, certificates,
                        new io.netcheck.checklist.MtuFollowUp(runner, policy, clock)),
                new io.netcheck.host.ListenersCheck(new io.netcheck.host.ProcNet(), clock),
                new io.netcheck.host.ListenCheck(new io.netcheck.host.ProcNet(), clock),
                ping,
                new io.netcheck.check.TraceCheck(targeting, runner, clock, ping),
                new io.netcheck.check.MtuCheck(targeting, runner, clock, captureRun.settings().captureDir()),
                new io.netcheck.verdict.CommandVerdicts(teams(config)));
    }
}
