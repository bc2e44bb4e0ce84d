package io.netcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one {@code dns} run learnt.
 *
 * @param qname      the name actually asked (the reverse name for PTR), fully qualified
 * @param canaryName the made-up name asked to catch resolvers that invent answers, null when none was asked
 * @param system     the system resolvers' answers, in /etc/resolv.conf order
 * @param named      the @SERVER's answer, null when none was given
 * @param problem    why nothing could be asked (no resolver configured), null otherwise
 */
public record DnsEvidence(DnsRequest request, String qname, String canaryName, Instant startedAt, Duration elapsed,
                          List<ResolverResult> system, ResolverResult named, String problem) {
    public DnsEvidence {
        system = List.copyOf(system);
    }

    /** Every resolver asked, system first. */
    public List<ResolverResult> all() {
        List<ResolverResult> all = new ArrayList<>(system);
        if (named != null) {
            all.add(named);
        }
        return all;
    }

    public List<ResolverResult> answering() {
        return all().stream().filter(r -> r.answer().answered()).toList();
    }

    /** The answer that counts: the first system resolver that answered, else the named server's. */
    public ResolverResult primary() {
        List<ResolverResult> a = answering();
        return a.isEmpty() ? null : a.get(0);
    }
}
