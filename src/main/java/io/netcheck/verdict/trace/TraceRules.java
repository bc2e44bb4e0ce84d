package io.netcheck.verdict.trace;

import io.netcheck.check.TraceEvidence;
import io.netcheck.verdict.Rule;
import java.util.List;

/**
 * trace: ICMP echo and TCP SYN hop by hop.
 *
 * <pre>
 * rule                    evidence                                             cause
 * trace-not-sent          no name / no route / no privilege / IPv6             DNS, LOCAL
 * trace-reaches           TCP SYN answered by the destination                  HEALTHY, BACKENDS_DOWN (RST)
 * trace-service-blocked   ICMP reaches the destination, TCP does not           FIREWALL_DROP, FIREWALL_REJECT
 * trace-path-ends         neither reaches it                                   ROUTING, HOST_UNREACHABLE,
 *                                                                              FIREWALL_REJECT, FIREWALL_DROP
 * </pre>
 */
public final class TraceRules {
    private TraceRules() {
    }

    public static final List<Rule<TraceEvidence>> TRACE = List.of(
            new TraceNotSent(),
            new TraceReaches(),
            new TraceServiceBlocked(),
            new TracePathEnds());
}
