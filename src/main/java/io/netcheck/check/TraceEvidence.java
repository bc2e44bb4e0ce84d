package io.netcheck.check;

import java.util.stream.Stream;
import io.netcheck.check.CaptureSummary;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.raw.HopAnswer;
import io.netcheck.probe.raw.TraceHop;
import io.netcheck.probe.raw.TraceResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Everything one trace learnt: per TTL, who answered the ICMP echo and who answered the TCP SYN. */
public record TraceEvidence(TraceRequest request, Instant startedAt, Duration elapsed, Resolution resolution,
                            InetAddress address, TraceResult result, String problem, List<String> packets,
                            CaptureSummary capture) {
    public TraceEvidence {
        packets = List.copyOf(packets);
    }

    public List<TraceHop> hops() {
        return result == null ? List.of() : result.hops();
    }

    public HopAnswer icmpEnd() {
        return last(TraceHop::icmp);
    }

    public HopAnswer tcpEnd() {
        return last(TraceHop::tcp);
    }

    /** The last answer of a protocol (highest TTL that answered), null when none did. */
    private HopAnswer last(Function<TraceHop, HopAnswer> which) {
        HopAnswer found = null;
        for (TraceHop h : hops()) {
            if (which.apply(h) != null) {
                found = which.apply(h);
            }
        }
        return found;
    }

    public boolean icmpReached() {
        return icmpEnd() != null && icmpEnd().destination() && !icmpEnd().unreachable();
    }

    public boolean tcpReached() {
        return tcpEnd() != null && tcpEnd().destination() && !tcpEnd().unreachable();
    }

    /** TTL of a protocol's last answer, 0 when none. */
    public int lastTtl(boolean tcp) {
        int ttl = 0;
        for (TraceHop h : hops()) {
            if ((tcp ? h.tcp() : h.icmp()) != null) {
                ttl = h.ttl();
            }
        }
        return ttl;
    }

    /** The routers seen (time exceeded), in TTL order, without repeats. */
    public List<InetAddress> routers() {
        return hops().stream().flatMap(h -> Stream.of(h.icmp(), h.tcp())).filter(Objects::nonNull)
                .filter(HopAnswer::timeExceeded).map(HopAnswer::from).distinct().toList();
    }
}
