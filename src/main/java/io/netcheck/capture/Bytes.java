package io.netcheck.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Bounds-checked big-endian reads over the captured part of a frame. Callers test {@link #has} first;
 * the readers themselves never look past {@code end}, which is the snap length or, once an IP header
 * says so, the end of the IP datagram (so Ethernet padding is never mistaken for payload).
 */
final class Bytes {
    private final byte[] data;
    final int end;

    Bytes(byte[] data) {
        this(data, data.length);
    }

    private Bytes(byte[] data, int end) {
        this.data = data;
        this.end = end;
    }

    /** A view that ends earlier (never later) than this one. */
    Bytes limit(int newEnd) {
        return newEnd >= end ? this : new Bytes(data, Math.max(newEnd, 0));
    }

    boolean has(int offset, int count) {
        return offset >= 0 && count >= 0 && offset <= end - count;
    }

    int available(int offset) {
        return Math.max(0, end - offset);
    }

    int u8(int offset) {
        return data[offset] & 0xff;
    }

    int u16(int offset) {
        return (u8(offset) << 8) | u8(offset + 1);
    }

    long u32(int offset) {
        return ((long) u16(offset) << 16) | u16(offset + 2);
    }

    byte[] slice(int offset, int count) {
        byte[] out = new byte[count];
        System.arraycopy(data, offset, out, 0, count);
        return out;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address; caller has checked {@link #has}. */
    InetAddress address(int offset, int count) {
        try {
            return InetAddress.getByAddress(slice(offset, count));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes always make an address", e);
        }
    }

    String mac(int offset) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", u8(offset + i)));
        }
        return sb.toString();
    }
}
