package io.netcheck.capture;

import java.time.Instant;
import java.util.Arrays;

/**
 * One frame exactly as libpcap delivered it. {@code data} is at most the snap length (headers only by
 * default); {@code originalLength} is the frame's length on the wire.
 *
 * @param linkType the pcap LINKTYPE_* value of the interface (1 Ethernet, 101 raw IP, 113 Linux SLL)
 */
public record CapturedFrame(Instant timestamp, int linkType, byte[] data, int originalLength, String interfaceName) {
    public CapturedFrame {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Length captured (after snaplen truncation). */
    public int capturedLength() {
        return data.length;
    }

    /** This frame cut to {@code snaplen} bytes, as a capture with that snap length would have kept it. */
    public CapturedFrame cut(int snaplen) {
        return data.length <= snaplen ? this
                : new CapturedFrame(timestamp, linkType, Arrays.copyOf(data, snaplen), originalLength, interfaceName);
    }

    byte[] rawData() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedFrame f && f.timestamp.equals(timestamp) && f.linkType == linkType
                && Arrays.equals(f.data, data) && f.originalLength == originalLength
                && f.interfaceName.equals(interfaceName);
    }

    @Override
    public int hashCode() {
        return timestamp.hashCode() * 31 + Arrays.hashCode(data);
    }
}
