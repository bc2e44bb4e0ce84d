package io.netcheck.capture;

import java.util.Arrays;

/**
 * Cuts TCP payload off captured frames so reports and .pcap files hold protocol headers only: a small
 * snaplen alone still keeps ~60 bytes of an IPv4 segment's payload, enough for a cookie or a token.
 * ICMP errors are kept whole: what they quote is a header. Anything not understood is cut right after
 * the IP header, never kept longer.
 */
public final class HeaderOnly {
    private HeaderOnly() {
    }

    public static byte[] strip(byte[] data, int linkType) {
        int ip = linkHeaderLength(data, linkType);
        if (ip < 0 || ip >= data.length) {
            return data;
        }
        int version = (data[ip] & 0xf0) >> 4;
        int l4;
        int protocol;
        if (version == 4) {
            l4 = ip + (data[ip] & 0x0f) * 4;
            protocol = data.length > ip + 9 ? data[ip + 9] & 0xff : -1;
        } else if (version == 6) {
            int[] walked = skipV6Extensions(data, ip);
            l4 = walked[0];
            protocol = walked[1];
        } else {
            return data;
        }
        if (protocol == 1 || protocol == 58) {
            return data;
        }
        if (protocol != 6 || l4 + 13 >= data.length) {
            return Arrays.copyOf(data, Math.min(data.length, Math.max(l4, ip)));
        }
        int tcpHeader = ((data[l4 + 12] & 0xf0) >> 4) * 4;
        return Arrays.copyOf(data, Math.min(data.length, l4 + Math.max(20, tcpHeader)));
    }

    private static int linkHeaderLength(byte[] d, int linkType) {
        switch (linkType) {
            case 1: {
                int off = 12;
                while (d.length >= off + 2) {
                    int type = ((d[off] & 0xff) << 8) | (d[off + 1] & 0xff);
                    if (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
                        off += 4;
                        continue;
                    }
                    return type == 0x0800 || type == 0x86dd ? off + 2 : -1;
                }
                return -1;
            }
            case 12, 101:
                return 0;
            case 113:
                return 16;
            case 276:
                return 20;
            default:
                return -1;
        }
    }

    /** Returns {offset of the upper-layer header, its protocol number}. */
    private static int[] skipV6Extensions(byte[] d, int ip) {
        if (d.length < ip + 40) {
            return new int[] {ip, -1};
        }
        int next = d[ip + 6] & 0xff;
        int off = ip + 40;
        while ((next == 0 || next == 43 || next == 60 || next == 44) && d.length >= off + 8) {
            int len = next == 44 ? 8 : ((d[off + 1] & 0xff) + 1) * 8;
            next = d[off] & 0xff;
            off += len;
        }
        return new int[] {off, next};
    }
}
