package io.netcheck.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes frames as a classic libpcap file (magic 0xa1b2c3d4, microsecond timestamps, version 2.4) that
 * {@code tcpdump -r} and Wireshark open. All frames must share one link type; frames of another link type
 * are skipped and counted in the return value.
 */
public final class PcapFileWriter {
    private PcapFileWriter() {
    }

    /** @return number of frames skipped because their link type differs from the first frame's */
    public static int write(Path file, List<CapturedFrame> frames, int snaplen) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }
}
