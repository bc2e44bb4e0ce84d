package io.netcheck.capture;

import java.time.ZoneId;
import java.util.List;

/**
 * Renders packets as {@code tcpdump -nn} one-liners, e.g.
 * {@code 13:37:36.679409 IP 203.0.113.10.80 > 198.51.100.2.33962: Flags [R.], seq 1, ack 79, win 502, length 0}.
 * Sequence numbers are made relative per connection the way tcpdump does it (only for segments with
 * ACK set; SYNs and the first packet of each direction print absolute numbers).
 */
public final class TcpdumpFormatter {
    private final ZoneId zone;

    public TcpdumpFormatter(ZoneId zone) {
        this.zone = zone;
    }

    /** Formats packets in order; relative-sequence state spans this one call. */
    public List<String> format(List<DecodedPacket> packets) {
        throw new UnsupportedOperationException("TODO");
    }
}
