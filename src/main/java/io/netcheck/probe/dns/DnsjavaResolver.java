package io.netcheck.probe.dns;

import io.netcheck.probe.Deadline;
import io.netcheck.probe.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves A then AAAA with dnsjava, honouring /etc/resolv.conf (servers, search list, ndots) and the
 * hosts file, with a fresh cache every time: a troubleshooting tool must see what DNS says now.
 */
public final class DnsjavaResolver implements NameResolver {
    private final List<InetSocketAddress> servers;

    /** Uses the system's configured resolvers. */
    public DnsjavaResolver() {
        this(List.of());
    }

    /** @param servers resolvers to ask instead of the system's (empty: the system's) */
    public DnsjavaResolver(List<InetSocketAddress> servers) {
        this.servers = List.copyOf(servers);
    }

    @Override
    public Resolution resolve(String name, Deadline deadline) {
        Ticker ticker = deadline.ticker();
        long t0 = ticker.nanos();
        List<InetSocketAddress> asked = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
        List<String> serverNames = asked.stream().map(s -> s.getAddress().getHostAddress() + "#" + s.getPort()).toList();
        List<InetAddress> addresses = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        int[] results = new int[2];
        String[] errors = new String[2];
        int[] types = {Type.A, Type.AAAA};
        try {
            for (int i = 0; i < types.length; i++) {
                Lookup lookup = new Lookup(name, types[i]);
                ExtendedResolver resolver = new ExtendedResolver(
                        asked.stream().map(a -> (Resolver) new SimpleResolver(a)).toList());
                // Split what is left between the two queries; dnsjava retries within this.
                Duration budget = deadline.remaining().dividedBy(types.length - i);
                resolver.setTimeout(budget.isZero() ? Duration.ofMillis(1) : budget);
                lookup.setResolver(resolver);
                lookup.setCache(null);
                // A parser of our own per lookup: dnsjava's shared default one loads the file lazily and,
                // queried from parallel probes, sometimes missed a name (localhost came back NXDOMAIN).
                lookup.setHostsFileParser(new org.xbill.DNS.hosts.HostsFileParser());
                Record[] records = lookup.run();
                results[i] = lookup.getResult();
                errors[i] = lookup.getErrorString();
                if (records != null) {
                    for (Record r : records) {
                        if (r instanceof ARecord a) {
                            addresses.add(a.getAddress());
                        } else if (r instanceof AAAARecord aaaa) {
                            addresses.add(aaaa.getAddress());
                        }
                        answers.add(r.toString());
                    }
                }
                if (results[i] == Lookup.TRY_AGAIN || results[i] == Lookup.HOST_NOT_FOUND) {
                    break; // the AAAA query would only fail the same way and double the wait
                }
            }
        } catch (TextParseException e) {
            return new Resolution(name, ResolutionStatus.ERROR, List.of(), List.of(), serverNames, ticker.since(t0),
                    "not a valid DNS name: " + e.getMessage());
        }
        ResolutionStatus status = addresses.isEmpty() ? failure(results[0], errors[0]) : ResolutionStatus.RESOLVED;
        // dnsjava reports an unanswered query as "network error", like an unreachable server: both mean
        // no DNS server answered.
        if (status == ResolutionStatus.SERVFAIL && "network error".equals(errors[0])) {
            status = ResolutionStatus.TIMEOUT;
        }
        String error = status == ResolutionStatus.RESOLVED ? null : describe(status, errors[0]);
        return new Resolution(name, status, addresses, answers, serverNames, ticker.since(t0), error);
    }

    private static ResolutionStatus failure(int result, String error) {
        return switch (result) {
            case Lookup.HOST_NOT_FOUND -> ResolutionStatus.NXDOMAIN;
            case Lookup.TYPE_NOT_FOUND, Lookup.SUCCESSFUL -> ResolutionStatus.NO_ADDRESS;
            case Lookup.TRY_AGAIN -> error != null && error.contains("timed out") ? ResolutionStatus.TIMEOUT
                    : ResolutionStatus.SERVFAIL;
            default -> ResolutionStatus.ERROR;
        };
    }

    private static String describe(ResolutionStatus status, String dnsjavaError) {
        return switch (status) {
            case NXDOMAIN -> "the name does not exist (NXDOMAIN)";
            case NO_ADDRESS -> "the name exists but has no A or AAAA record";
            case TIMEOUT -> "no DNS server answered (" + dnsjavaError + ")";
            case SERVFAIL -> "the DNS server failed to answer (" + dnsjavaError + ")";
            default -> dnsjavaError;
        };
    }

}
