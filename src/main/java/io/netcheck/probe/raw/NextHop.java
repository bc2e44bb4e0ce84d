package io.netcheck.probe.raw;

import java.net.UnknownHostException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The IPv4 next hop and its MAC address, from the kernel's tables (/proc/net/route, /proc/net/arp). */
public final class NextHop {
    private NextHop() {
    }

    /** The gateway for {@code dst} on {@code iface}, or {@code dst} itself when it is on the link. */
    public static Inet4Address gateway(String routeTable, String iface, Inet4Address dst) {
        int d = toInt(dst.getAddress());
        int bestLen = -1;
        Inet4Address best = dst;
        String[] lines = routeTable.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 8 || !f[0].equals(iface)) {
                continue;
            }
            int dest = Integer.reverseBytes((int) Long.parseLong(f[1], 16));
            int gw = Integer.reverseBytes((int) Long.parseLong(f[2], 16));
            int mask = Integer.reverseBytes((int) Long.parseLong(f[7], 16));
            int len = Integer.bitCount(mask);
            if ((d & mask) == (dest & mask) && len > bestLen) {
                bestLen = len;
                best = gw == 0 ? dst : fromInt(gw);
            }
        }
        return best;
    }

    public static Inet4Address gateway(String iface, Inet4Address dst) {
        try {
            return gateway(Files.readString(Path.of("/proc/net/route")), iface, dst);
        } catch (IOException e) {
            return dst;
        }
    }

    /** The kernel's complete ARP entry for {@code ip} on {@code iface}, null when it has none. */
    public static byte[] arpCache(String arpTable, String iface, Inet4Address ip) {
        String[] lines = arpTable.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length >= 6 && f[0].equals(ip.getHostAddress()) && f[5].equals(iface)
                    && (Integer.decode(f[2]) & 0x2) != 0) {
                return mac(f[3]);
            }
        }
        return null;
    }

    public static byte[] arpCache(String iface, Inet4Address ip) {
        try {
            return arpCache(Files.readString(Path.of("/proc/net/arp")), iface, ip);
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] mac(String text) {
        String[] p = text.split(":");
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) Integer.parseInt(p[i], 16);
        }
        return b;
    }

    public static String macText(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }

    private static int toInt(byte[] a) {
        return ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    }

    private static Inet4Address fromInt(int v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (v >> 24), (byte) (v >> 16),
                    (byte) (v >> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
