package io.netcheck.check;

import io.netcheck.check.CaptureSummary;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.raw.EchoReply;
import io.netcheck.probe.raw.PingResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one ping run learnt.
 *
 * @param result  null when nothing could be sent ({@code problem} says why)
 * @param packets tcpdump lines of this run's frames
 */
public record PingEvidence(PingRequest request, Instant startedAt, Duration elapsed, Resolution resolution,
                           InetAddress address, PingResult result, String problem, List<String> packets,
                           CaptureSummary capture) {
    public PingEvidence {
        packets = List.copyOf(packets);
    }

    public List<EchoReply> replies() {
        return result == null ? List.of() : result.replies();
    }

    public long sent() {
        return replies().size();
    }

    public long received() {
        return replies().stream().filter(EchoReply::answered).count();
    }

    public int lossPercent() {
        return sent() == 0 ? 100 : (int) Math.round(100.0 * (sent() - received()) / sent());
    }

    /** The first ICMP error about our requests, null when none. */
    public EchoReply firstError() {
        return replies().stream().filter(r -> r.errorFrom() != null).findFirst().orElse(null);
    }

    public Duration min() {
        return replies().stream().filter(EchoReply::answered).map(EchoReply::rtt).min(Duration::compareTo).orElse(null);
    }

    public Duration max() {
        return replies().stream().filter(EchoReply::answered).map(EchoReply::rtt).max(Duration::compareTo).orElse(null);
    }

    public Duration avg() {
        long n = received();
        return n == 0 ? null : replies().stream().filter(EchoReply::answered).map(EchoReply::rtt)
                .reduce(Duration.ZERO, Duration::plus).dividedBy(n);
    }
}
