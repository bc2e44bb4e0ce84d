package io.netcheck.verdict.mtu;

import io.netcheck.check.MtuEvidence;
import io.netcheck.verdict.Rule;
import java.util.List;

/**
 * mtu: don't-fragment echoes of shrinking size.
 *
 * <pre>
 * rule                    evidence                                             cause
 * mtu-not-sent            no name / no route / no privilege / IPv6             DNS, LOCAL
 * mtu-no-reply            not even the smallest size answered                  FIREWALL_DROP (low), ROUTING,
 *                                                                              HOST_UNREACHABLE, FIREWALL_REJECT
 * mtu-black-hole          small sizes pass, larger lost without frag needed    ROUTING
 * mtu-full-size           the interface MTU passes                             HEALTHY
 * mtu-frag-needed         a router announces a smaller MTU (ICMP 3/4)          HEALTHY (with a note)
 * </pre>
 */
public final class MtuRules {
    private MtuRules() {
    }

    public static final List<Rule<MtuEvidence>> MTU = List.of(
            new MtuNotSent(),
            new MtuNoReply(),
            new MtuBlackHole(),
            new MtuFullSize(),
            new MtuFragNeeded());
}
