package io.netcheck.agent;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Cuts a classic .pcap at a record boundary so it fits a size bound and stays readable by tcpdump. */
final class PcapTrim {
    private static final int GLOBAL_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private PcapTrim() {
    }

    /** @return the file itself when it fits, else its header and as many whole records as fit */
    static byte[] fit(byte[] pcap, int max) {
        if (pcap.length <= max) {
            return pcap;
        }
        if (pcap.length < GLOBAL_HEADER || max < GLOBAL_HEADER) {
            return new byte[0];
        }
        ByteBuffer b = ByteBuffer.wrap(pcap);
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        b.order(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int end = GLOBAL_HEADER;
        while (end + RECORD_HEADER <= pcap.length) {
            long next = (long) end + RECORD_HEADER + Integer.toUnsignedLong(b.getInt(end + 8));
            if (next > max || next > pcap.length) {
                break;
            }
            end = (int) next;
        }
        return Arrays.copyOf(pcap, end);
    }
}
