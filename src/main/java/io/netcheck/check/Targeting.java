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
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
        return planAll(List.of(hp), timeout).get(0);
    }

    /**
     * Resolves every target at once (each name once, in parallel), looks up its route, and checks the addresses
     * that will be probed against the policy: one refused target refuses the whole command, before any packet,
     * naming every refusal. The one planning path of every command, the VIP checklist's included.
     *
     * @param targets port 0 for probes without a port (ICMP): the policy then checks the address only
     */
    public List<Target> planAll(List<HostPort> targets, Duration timeout) throws InterruptedException {
        List<CompletableFuture<Timed<Resolution>>> lookups = new ArrayList<>();
        for (HostPort t : targets) {
            InetAddress literal = Addresses.literal(t.host());
            lookups.add(literal != null ? null : runner.submit(resolver::resolve, t.host(), timeout));
        }
        List<Target> plans = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            HostPort t = targets.get(i);
            Resolution resolution = lookups.get(i) == null ? Resolution.literal(t.host(), Addresses.literal(t.host()))
                    : await(lookups.get(i), t.host(), timeout);
            plans.add(routed(t, resolution));
        }
        List<String> refusals = new ArrayList<>();
        for (Target p : plans) {
            String why = p.address() == null ? null
                    : policy.refusal(p.address().getAddress(), p.hostPort().port() == 0 ? -1 : p.hostPort().port());
            if (why != null) {
                refusals.add(p.hostPort().label() + ": " + why);
            }
        }
        if (!refusals.isEmpty()) {
            throw new TargetPolicy.Refused(String.join("; ", refusals), plans.stream().map(Target::address)
                    .filter(Objects::nonNull).map(InetSocketAddress::getAddress).distinct().toList());
        }
        return plans;
    }

    private static Target routed(HostPort hp, Resolution resolution) {
        if (resolution.status().failed() || resolution.addresses().isEmpty()) {
            return new Target(hp, resolution, null, null, resolution.error());
        }
        InetAddress address = Addresses.preferred(resolution.addresses());
        InetSocketAddress socket = new InetSocketAddress(address, hp.port());
        try {
            return new Target(hp, resolution, socket, RouteLookup.lookup(address), null);
        } catch (RouteLookup.NoRouteException e) {
            return new Target(hp, resolution, socket, null,
                    "this host has no route to " + address.getHostAddress() + " (" + e.getMessage() + ")");
        }
    }

    private static Resolution await(CompletableFuture<Timed<Resolution>> lookup, String name, Duration timeout)
            throws InterruptedException {
        try {
            return lookup.get().result();
        } catch (ExecutionException e) {
            return new Resolution(name, ResolutionStatus.TIMEOUT, List.of(), List.of(), List.of(), timeout,
                    "resolution did not finish within " + timeout.toMillis() + " ms");
        }
    }
}
