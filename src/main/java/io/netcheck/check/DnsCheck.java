package io.netcheck.check;

import io.netcheck.probe.Addresses;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.Timed;
import io.netcheck.probe.dns.DnsAnswer;
import io.netcheck.probe.dns.DnsQuery;
import io.netcheck.probe.dns.DnsQueryProbe;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.ResolverConfig;

/**
 * {@code dns NAME [TYPE] [@SERVER]}: asks every system resolver and the named server at once, and each of
 * them a made-up name under the same parent ({@code nc-<random>.<parent>}): a resolver that answers that
 * one invents answers for names that do not exist.
 */
public final class DnsCheck {
    /** At most this many system resolvers are asked (resolv.conf allows three). */
    static final int MAX_SYSTEM = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TargetPolicy policy;
    private final ProbeRunner runner;
    private final Clock clock;
    private final Supplier<List<InetSocketAddress>> systemServers;
    private final DnsQueryProbe probe = new DnsQueryProbe();

    /** The resolvers /etc/resolv.conf names now (re-read on every check: a pod's resolv.conf can change). */
    public static final Supplier<List<InetSocketAddress>> SYSTEM_SERVERS = () -> {
        ResolverConfig.refresh();
        return ResolverConfig.getCurrentConfig().servers();
    };

    public DnsCheck(ProbeRunner runner, Clock clock) {
        this(runner, clock, SYSTEM_SERVERS);
    }

    /** @param systemServers the resolvers /etc/resolv.conf names (tests give their own) */
    public DnsCheck(ProbeRunner runner, Clock clock, Supplier<List<InetSocketAddress>> systemServers) {
        this(runner, clock, systemServers, TargetPolicy.OPEN);
    }

    /** @param policy applies to a server named with @SERVER (the system's own resolvers are trusted) */
    public DnsCheck(ProbeRunner runner, Clock clock, Supplier<List<InetSocketAddress>> systemServers,
                    TargetPolicy policy) {
        this.runner = runner;
        this.clock = clock;
        this.systemServers = systemServers;
        this.policy = policy;
    }

    public DnsEvidence run(DnsRequest request) throws InterruptedException {
        if (request.server() != null) {
            String refusal = policy.refusal(request.server().getAddress(), request.server().getPort());
            if (refusal != null) {
                throw new TargetPolicy.Refused("@" + request.server().getAddress().getHostAddress()
                        + ": " + refusal, List.of(request.server().getAddress()));
            }
        }
        Instant startedAt = clock.instant();
        long t0 = runner.ticker().nanos();
        String qname = qname(request);
        String canary = canaryName(qname, request.type());
        List<InetSocketAddress> system = systemServers.get().stream().limit(MAX_SYSTEM).toList();
        if (system.isEmpty() && request.server() == null) {
            return new DnsEvidence(request, qname, canary, startedAt, runner.ticker().since(t0),
                    List.of(), null, "no resolver is configured (no nameserver line in /etc/resolv.conf)");
        }
        List<Pending> pending = new ArrayList<>();
        for (InetSocketAddress s : system) {
            pending.add(ask("system", s, qname, canary, request));
        }
        Pending named = request.server() == null ? null : ask("named", request.server(), qname, canary, request);
        List<ResolverResult> systemResults = new ArrayList<>();
        for (Pending p : pending) {
            systemResults.add(p.await(request.timeout()));
        }
        return new DnsEvidence(request, qname, canary, startedAt, runner.ticker().since(t0),
                systemResults, named == null ? null : named.await(request.timeout()), null);
    }

    private record Pending(String role, DnsQuery query, CompletableFuture<Timed<DnsAnswer>> answer,
                           DnsQuery canaryQuery, CompletableFuture<Timed<DnsAnswer>> canary) {
        ResolverResult await(Duration timeout) {
            return new ResolverResult(role, get(answer, query, timeout), canary == null ? null
                    : get(canary, canaryQuery, timeout));
        }

        private static DnsAnswer get(CompletableFuture<Timed<DnsAnswer>> f, DnsQuery q, Duration timeout) {
            try {
                return f.join().result();
            } catch (RuntimeException e) {
                return new DnsAnswer(q, false, null, List.of(), List.of(), List.of(), timeout,
                        "the query did not finish within " + timeout.toMillis() + " ms");
            }
        }
    }

    private Pending ask(String role, InetSocketAddress server, String qname, String canary, DnsRequest r) {
        DnsQuery q = new DnsQuery(qname, r.type(), server);
        DnsQuery c = canary == null ? null : new DnsQuery(canary, "A", server);
        return new Pending(role, q, runner.submit(probe, q, r.timeout()), c,
                c == null ? null : runner.submit(probe, c, r.timeout()));
    }

    /** The name to ask: absolute, and the reverse name when PTR is asked for an address. */
    static String qname(DnsRequest r) {
        InetAddress literal = Addresses.literal(r.name());
        if (literal != null) {
            return ReverseMap.fromAddress(literal).toString();
        }
        return r.name().endsWith(".") ? r.name() : r.name() + ".";
    }

    /**
     * {@code nc-<10 random letters>.<parent>}: a name no zone has, under the same parent, asked for A. None for
     * PTR (reverse zones are not where answers get invented) or for a single-label name.
     */
    static String canaryName(String qname, String type) {
        if (type.equals("PTR")) {
            return null;
        }
        String name = qname.substring(0, qname.length() - 1);
        int dot = name.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String parent = name.substring(dot + 1);
        StringBuilder label = new StringBuilder("nc-");
        for (int i = 0; i < 10; i++) {
            label.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(RANDOM.nextInt(36)));
        }
        return label + "." + parent + ".";
    }
}
