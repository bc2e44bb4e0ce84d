package io.netcheck.check;

import io.netcheck.check.CaptureSummary;
import io.netcheck.probe.dns.Resolution;
import io.netcheck.probe.raw.MtuResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one mtu run learnt.
 *
 * @param result  null when nothing could be sent ({@code problem} says why)
 * @param packets tcpdump lines of this run's frames
 */
public record MtuEvidence(MtuRequest request, Instant startedAt, Duration elapsed, Resolution resolution,
                          InetAddress address, MtuResult result, String problem, List<String> packets,
                          CaptureSummary capture) {
    public MtuEvidence {
        packets = List.copyOf(packets);
    }

    /** Echoes went out (at least one size was tried). */
    public boolean sent() {
        return result != null && !result.attempts().isEmpty();
    }
}
