package io.netcheck.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes frames as a classic libpcap file (magic 0xa1b2c3d4, microsecond timestamps, version 2.4) that
 * {@code tcpdump -r} and Wireshark open. All frames must share one link type; frames of another link type
 * are skipped and counted in the return value.
 */
public final class PcapFileWriter {
    private static final int MAGIC = 0xa1b2c3d4;

    private PcapFileWriter() {
    }

    /** @return number of frames skipped because their link type differs from the first frame's */
    public static int write(Path file, List<CapturedFrame> frames, int snaplen) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // An empty capture still needs a valid header; Ethernet is the usual default.
        int linkType = frames.isEmpty() ? FrameDissector.LINKTYPE_ETHERNET : frames.get(0).linkType();
        int skipped = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(snaplen)
                    .putInt(linkType);
            out.write(header.array());
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            for (CapturedFrame f : frames) {
                if (f.linkType() != linkType) {
                    skipped++;
                    continue;
                }
                long seconds = f.timestamp().getEpochSecond();
                int micros = f.timestamp().getNano() / 1000;
                byte[] data = f.rawData();
                record.clear();
                record.putInt((int) seconds).putInt(micros).putInt(data.length).putInt(f.originalLength());
                out.write(record.array());
                out.write(data);
            }
        }
        return skipped;
    }
}
