package io.netcheck.verdict.ping;

import io.netcheck.check.PingEvidence;
import io.netcheck.verdict.Rule;
import java.util.List;

/**
 * ping: real ICMP echo.
 *
 * <pre>
 * rule                    evidence                                             cause
 * ping-not-sent           no name / no route / no privilege / IPv6             DNS, LOCAL
 * ping-icmp-error         ICMP error instead of replies                        ROUTING, HOST_UNREACHABLE,
 *                                                                              FIREWALL_REJECT
 * ping-no-reply           all lost, no error                                   FIREWALL_DROP (low)
 * ping-loss               some lost                                            ROUTING
 * ping-answers            all answered                                         HEALTHY
 * </pre>
 */
public final class PingRules {
    private PingRules() {
    }

    public static final List<Rule<PingEvidence>> PING = List.of(
            new PingNotSent(),
            new PingIcmpError(),
            new PingNoReply(),
            new PingLoss(),
            new PingAnswers());
}
