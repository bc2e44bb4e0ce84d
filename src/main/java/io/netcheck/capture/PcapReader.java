package io.netcheck.capture;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic .pcap (what {@link PcapFileWriter} writes, microsecond or nanosecond timestamps, either byte
 * order) back into frames: an agent's capture is decoded on the server with the same decoder as its own. By hand
 * because the format is 24 + 16 bytes of header and libpcap's offline reader needs a file and the native library.
 */
public final class PcapReader {
    private PcapReader() {
    }

    /**
     * @param interfaceName the name the frames are given (the side that captured them)
     * @throws IllegalArgumentException when the bytes are not a pcap file; a last record cut short is dropped
     */
    public static List<CapturedFrame> read(byte[] pcap, String interfaceName) {
        if (pcap.length < 24) {
            throw new IllegalArgumentException("not a pcap file: " + pcap.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            nanos = magic == 0xa1b23c4d;
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d) {
            in.order(ByteOrder.BIG_ENDIAN);
            nanos = Integer.reverseBytes(magic) == 0xa1b23c4d;
        } else {
            throw new IllegalArgumentException("not a pcap file: magic " + Integer.toHexString(magic));
        }
        int linkType = in.getInt(20);
        in.position(24);
        List<CapturedFrame> frames = new ArrayList<>();
        try {
            while (in.remaining() >= 16) {
                long seconds = in.getInt() & 0xffffffffL;
                long fraction = in.getInt() & 0xffffffffL;
                int captured = in.getInt();
                int original = in.getInt();
                if (captured < 0 || captured > in.remaining()) {
                    break;
                }
                byte[] data = new byte[captured];
                in.get(data);
                frames.add(new CapturedFrame(Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000),
                        linkType, data, original, interfaceName));
            }
        } catch (BufferUnderflowException e) {
            // a record cut short (a trimmed capture): the frames before it stand
        }
        return frames;
    }
}
