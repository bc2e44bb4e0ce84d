package io.netcheck.check;

import java.util.List;

/**
 * The VIP address's host measured on its own, in the same window as the VIP probe: an ICMP echo and a SYN to a
 * second port. Both go through the target policy like any probe; either may be missing (no privilege, policy,
 * filtered), and the report says why.
 *
 * @param packets the packets of both, as tcpdump lines
 */
public record VipHostEvidence(HostAnswer echo, HostAnswer otherPort, List<String> packets) {
    public VipHostEvidence {
        packets = List.copyOf(packets);
    }

    public static VipHostEvidence notMeasured(String why) {
        return new VipHostEvidence(HostAnswer.notSent("ICMP echo", why), HostAnswer.notSent("second port", why),
                List.of());
    }

    public List<HostAnswer> all() {
        return List.of(echo, otherPort);
    }

    /** Answers that came from the VIP address itself. */
    public List<HostAnswer> own() {
        return all().stream().filter(a -> a.kind() == HostAnswer.Kind.ANSWERED && a.ttl() != null).toList();
    }

    /** ICMP errors some other device sent about the VIP address (it holds no host, or filters). */
    public List<HostAnswer> errors() {
        return all().stream().filter(a -> a.kind() == HostAnswer.Kind.ICMP_ERROR && a.ttl() != null).toList();
    }
}
