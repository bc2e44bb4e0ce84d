package io.netcheck.probe.raw;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.Route;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.time.Duration;

/**
 * Everything needed to put crafted IPv4 frames on the wire towards one destination: the interface and
 * source address the kernel would use, the next hop, both MAC addresses (ARP done by hand when the kernel
 * has no entry), and the open link.
 */
public record RawPath(String iface, Inet4Address source, Inet4Address destination, Inet4Address nextHop,
                      byte[] sourceMac, byte[] nextHopMac, boolean arpSent, RawLink link) implements AutoCloseable {
    static final byte[] ZERO_MAC = new byte[6];
    static final Duration ARP_WAIT = Duration.ofSeconds(1);

    /** @throws IOException with words for the report: no privilege, not Ethernet, no ARP answer */
    public static RawPath open(Route route, String filter, Deadline deadline) throws IOException, InterruptedException {
        if (!(route.destination() instanceof Inet4Address dst) || !(route.source() instanceof Inet4Address src)) {
            throw new IOException("IPv6 is not supported by ping and trace yet: use an IPv4 address");
        }
        String iface = route.interfaceName();
        if (iface == null) {
            throw new IOException("no interface found for " + dst.getHostAddress());
        }
        NetworkInterface lo = NetworkInterface.getByName(iface);
        if (lo != null && lo.isLoopback()) {
            // Frames injected on loopback are not answered by the kernel: a ping would report 100% loss.
            throw new IOException(dst.getHostAddress() + " is this host's own address (routed over " + iface
                    + "): ping and trace test the network between hosts; for a local service use netcheck "
                    + "listeners or tcp");
        }
        RawLink link = RawLink.open(iface, "arp or (" + filter + ")");
        try {
            if (!link.ethernet()) {
                throw new IOException(iface + " is not an Ethernet interface (link type " + link.linkType()
                        + "): crafted frames are not supported there");
            }
            NetworkInterface nic = NetworkInterface.getByName(iface);
            byte[] srcMac = nic == null || nic.getHardwareAddress() == null ? ZERO_MAC : nic.getHardwareAddress();
            Inet4Address hop = NextHop.gateway(iface, dst);
            byte[] hopMac = NextHop.arpCache(iface, hop);
            boolean arp = false;
            if (hopMac == null) {
                arp = true;
                hopMac = arp(link, srcMac, src, hop, deadline);
            }
            return new RawPath(iface, src, dst, hop, srcMac, hopMac, arp, link);
        } catch (IOException | InterruptedException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private static byte[] arp(RawLink link, byte[] srcMac, Inet4Address src, Inet4Address hop, Deadline deadline)
            throws IOException, InterruptedException {
        link.send(Frames.arpRequest(srcMac, src, hop));
        long end = deadline.ticker().nanos() + Math.min(ARP_WAIT.toNanos(), deadline.remaining().toNanos());
        while (deadline.ticker().nanos() < end) {
            CapturedFrame f = link.next(Duration.ofNanos(end - deadline.ticker().nanos()));
            if (f != null) {
                byte[] mac = Frames.arpReplyMac(f.data(), hop);
                if (mac != null) {
                    return mac;
                }
            }
        }
        throw new IOException("no ARP answer from the next hop " + hop.getHostAddress() + " within "
                + ARP_WAIT.toMillis() + " ms: it is down or not on " + link.linkType());
    }

    @Override
    public void close() {
        link.close();
    }
}
