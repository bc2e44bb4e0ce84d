package io.netcheck.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapFileWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesClassicLittleEndianPcap() throws Exception {
        Instant t = Instant.parse("2024-03-01T13:37:36.679409123Z");
        CapturedFrame first = new CapturedFrame(t, 1, new byte[] {1, 2, 3}, 1514, "eth0");
        CapturedFrame raw = new CapturedFrame(t, 101, new byte[] {4}, 1, "tun0");
        CapturedFrame second = new CapturedFrame(t.plusSeconds(1), 1, new byte[] {5, 6}, 2, "eth0");
        Path file = dir.resolve("nested/dirs/capture.pcap");

        assertEquals(1, PcapFileWriter.write(file, List.of(first, raw, second), 128));

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(24 + 16 + 3 + 16 + 2, b.remaining());
        assertEquals(0xa1b2c3d4, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        assertEquals(0, b.getInt()); // thiszone
        assertEquals(0, b.getInt()); // sigfigs
        assertEquals(128, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(t.getEpochSecond(), b.getInt());
        assertEquals(679409, b.getInt());
        assertEquals(3, b.getInt());
        assertEquals(1514, b.getInt());
        byte[] data = new byte[3];
        b.get(data);
        assertArrayEquals(new byte[] {1, 2, 3}, data);
        assertEquals(t.getEpochSecond() + 1, b.getInt());
        assertEquals(679409, b.getInt());
        assertEquals(2, b.getInt());
        assertEquals(2, b.getInt());
    }

    @Test
    void emptyCaptureIsAValidFile() throws Exception {
        Path file = dir.resolve("empty.pcap");
        assertEquals(0, PcapFileWriter.write(file, List.of(), 96));
        assertEquals(24, Files.size(file));
        assertEquals(List.of(), Tcpdump.read(file));
    }
}
