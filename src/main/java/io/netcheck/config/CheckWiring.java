package io.netcheck.config;

import io.netcheck.capture.PacketCapture;
import io.netcheck.capture.Pcap4jCapture;
import io.netcheck.check.ChecklistSettings;
import io.netcheck.check.Pipeline;
import io.netcheck.command.CommandParser;
import io.netcheck.command.Limits;
import io.netcheck.command.WatchLimits;
import io.netcheck.kind.CheckKinds;
import io.netcheck.kube.ClusterClients;
import io.netcheck.kube.ServicePools;
import io.netcheck.probe.CertificateCheck;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.Ticker;
import io.netcheck.probe.TrustAnchors;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Team;
import io.netcheck.verdict.TeamDirectory;
import io.netcheck.verdict.VerdictEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds the check pipeline's parts from the configuration, in plain Java: the CDI producers ({@link Beans}) and
 * the CLI's lean start ({@code cli/LeanMain}, no container) call the same methods, so both run the same checks.
 */
public final class CheckWiring {
    private CheckWiring() {
    }

    public static PacketCapture capture(NetcheckConfig config) {
        return config.capture().enabled() ? new Pcap4jCapture(config.capture().keepPayload())
                : PacketCapture.disabled("capture disabled by configuration (netcheck.capture.enabled=false)");
    }

    public static TargetPolicy policy(NetcheckConfig config) {
        var p = config.policy();
        if (!p.enabled()) {
            return TargetPolicy.OPEN;
        }
        return new TargetPolicy(p.allowCidrs().orElse(List.of()).stream().map(TargetPolicy.Cidr::parse).toList(),
                Stream.concat(p.builtinDeny().stream(), p.denyCidrs().orElse(List.of()).stream())
                        .map(TargetPolicy.Cidr::parse).toList(),
                TargetPolicy.ports(p.allowPorts().orElse(List.of())), TargetPolicy.ports(p.denyPorts().orElse(List.of())),
                "netcheck.policy");
    }

    public static ProbeRunner runner(NetcheckConfig config, Clock clock, Ticker ticker) {
        return new ProbeRunner(config.probe().maxParallel(), clock, ticker);
    }

    /** The one certificate judgement of vip, tls and http; the CA bundle is read here, once. */
    public static CertificateCheck certificates(NetcheckConfig config, Clock clock) {
        TrustAnchors anchors = config.tls().caBundle().map(Path::of).map(TrustAnchors::withBundle)
                .orElseGet(TrustAnchors::system);
        return new CertificateCheck(anchors, clock, config.probe().certWarnDays());
    }

    /** The shared pipeline every command kind builds its probe from (see {@code kind/CheckKinds}). */
    public static Pipeline pipeline(NameResolver resolver, PacketCapture capture,
                                    ProbeRunner runner, Clock clock, NetcheckConfig config, TargetPolicy policy,
                                    CertificateCheck certificates) {
        Path dir = Path.of(config.capture().directory().orElse(System.getProperty("java.io.tmpdir")));
        // tcp, tls and http measure their target's host like vip measures the VIP's: same switch, same port.
        return Pipeline.of(resolver, runner, capture, clock, policy, certificates,
                new ChecklistSettings(config.capture().snaplen(), config.capture().linger(), dir,
                        config.probe().measureVipHost(), vipHostPort(config), maxBody(config)));
    }

    static int maxBody(NetcheckConfig config) {
        int maxBody = config.probe().maxBody();
        if (maxBody < 1) {
            throw new IllegalArgumentException("netcheck.probe.max-body must be at least 1 byte, not " + maxBody);
        }
        return maxBody;
    }

    static int vipHostPort(NetcheckConfig config) {
        int port = config.probe().vipHostPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("netcheck.probe.vip-host-port: " + port + " is not a TCP port (1-65535)");
        }
        return port;
    }

    public static CommandParser parser(NetcheckConfig config) {
        var p = config.probe();
        var w = config.watch();
        return CheckKinds.parser(new Limits(p.maxBackends(), p.minTimeout(), p.maxTimeout(), p.timeout(),
                p.certWarnDays(), p.maxListen(), p.defaultListen(), p.maxPings(), p.maxHops()),
                new WatchLimits(w.defaultEvery(), w.minEvery(), w.maxEvery(),
                        config.summary().minInterval()));
    }

    public static VerdictEngine verdicts(NetcheckConfig config) {
        return new VerdictEngine(teams(config));
    }

    public static TeamDirectory teams(NetcheckConfig config) {
        Map<Cause, String> owners = new EnumMap<>(Cause.class);
        config.owner().forEach((cause, team) -> {
            try {
                owners.put(Cause.valueOf(cause.toUpperCase(Locale.ROOT)), team);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("netcheck.owner." + cause + ": no such cause; causes are "
                        + Arrays.toString(Cause.values()));
            }
        });
        Map<String, Team> teams = new HashMap<>();
        config.team().forEach((key, t) -> teams.put(key, new Team(key, t.name().orElse(null),
                t.slackGroup().orElse(null))));
        return new TeamDirectory(owners, teams);
    }

    /** Reads svc/ targets; the cluster client behind it is created only when one is used. */
    public static ServicePools servicePools(NetcheckConfig config) {
        var k = config.kubernetes();
        return new ServicePools(new ClusterClients(k.enabled(),
                () -> ClusterClients.fabric8(k.timeout()),
                Optional.ofNullable(System.getProperty("kubernetes.master")), System.getenv(),
                Path.of(System.getProperty("user.home"))), k.timeout(), config.probe().maxBackends());
    }
}
