package io.netcheck.check;

import io.netcheck.check.HostPort;
import io.netcheck.probe.Addresses;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.RouteLookup;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.Timed;
import io.netcheck.probe.dns.NameResolver;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.dns.ResolutionStatus;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Resolves a typed target once (probes never resolve again) and asks the kernel for its route. */
public final class Targeting {
    private final NameResolver resolver;
    private final ProbeRunner runner;
    private final TargetPolicy policy;

    public Targeting(NameResolver resolver, ProbeRunner runner) {
        this(resolver, runner, TargetPolicy.OPEN);
    }

    public Targeting(NameResolver resolver, ProbeRunner runner, TargetPolicy policy) {
        this.resolver = resolver;
        this.runner = runner;
        this.policy = policy;
    }

    /** The policy every probe of a planned target passes, its extra probes (the target host's echo) too. */
    public TargetPolicy policy() {
        return policy;
    }

    /** @param hp port 0 for probes without a port (ICMP): the policy then checks the address only */
    public Target plan(HostPort hp, Duration timeout) throws InterruptedException {
        InetAddress literal = Addresses.literal(hp.host());
        Resolution resolution = literal != null ? Resolution.literal(hp.host(), literal) : resolve(hp.host(), timeout);
        if (resolution.status().failed() || resolution.addresses().isEmpty()) {
            return new Target(hp, resolution, null, null, resolution.error());
        }
        InetAddress address = Addresses.preferred(resolution.addresses());
        String refusal = policy.refusal(address, hp.port() == 0 ? -1 : hp.port());
        if (refusal != null) {
            throw new TargetPolicy.Refused(hp.label() + ": " + refusal, List.of(address));
        }
        InetSocketAddress socket = new InetSocketAddress(address, hp.port());
        try {
            return new Target(hp, resolution, socket, RouteLookup.lookup(address), null);
        } catch (RouteLookup.NoRouteException e) {
            return new Target(hp, resolution, socket, null,
                    "this host has no route to " + address.getHostAddress() + " (" + e.getMessage() + ")");
        }
    }

    private Resolution resolve(String name, Duration timeout) throws InterruptedException {
        try {
            Timed<Resolution> timed = runner.submit(resolver::resolve, name, timeout).get();
            return timed.result();
        } catch (ExecutionException e) {
            return new Resolution(name, ResolutionStatus.TIMEOUT, List.of(), List.of(), List.of(), timeout,
                    "resolution did not finish within " + timeout.toMillis() + " ms");
        }
    }
}
