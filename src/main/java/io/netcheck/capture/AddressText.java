package io.netcheck.capture;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as tcpdump -n prints them. IPv6 uses the RFC 5952 shortest form (longest run of two or more
 * zero groups becomes {@code ::}, first run wins a tie, lower-case hex) with tcpdump's dotted tail for
 * IPv4-compatible and IPv4-mapped addresses. {@link InetAddress#getHostAddress()} does neither.
 */
public final class AddressText {
    private AddressText() {
    }

    /** tcpdump text for an address; an {@link Inet4Address} is printed dotted. */
    public static String of(InetAddress address) {
        return address instanceof Inet4Address ? address.getHostAddress() : ipv6(address.getAddress());
    }

    /**
     * tcpdump text for an address taken from a packet of the given IP version. Java turns IPv4-mapped
     * IPv6 addresses into {@link Inet4Address}; inside an IPv6 packet they are still printed as IPv6.
     */
    public static String of(InetAddress address, int ipVersion) {
        return ipVersion == 6 ? ipv6(bytes16(address)) : of(address);
    }

    /** The 16 bytes of an address seen in an IPv6 header (IPv4-mapped when Java made it an Inet4Address). */
    static byte[] bytes16(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** Formats 16 bytes as an IPv6 address in shortest form. */
    public static String ipv6(byte[] a) {
        if (a.length != 16) {
            throw new IllegalArgumentException("IPv6 address needs 16 bytes, got " + a.length);
        }
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestBase = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (words[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) { // strictly longer: the first of equal runs wins
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) { // a single zero group is never compressed
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped) keep a dotted tail.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                sb.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.')
                        .append(a[14] & 0xff).append('.').append(a[15] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(words[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
