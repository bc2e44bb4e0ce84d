package io.netcheck.probe;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/**
 * Asks the kernel which source address and interface it would use for a destination, without sending
 * anything: connecting a UDP socket runs the route lookup and nothing else.
 */
public final class RouteLookup {
    private RouteLookup() {
    }

    /** @throws NoRouteException when this host has no route at all (a local fault, not the network's) */
    public static Route lookup(InetAddress destination) throws NoRouteException {
        try (DatagramSocket udp = new DatagramSocket()) {
            udp.connect(new InetSocketAddress(destination, 9));
            InetAddress source = udp.getLocalAddress();
            if (source == null || source.isAnyLocalAddress()) {
                throw new NoRouteException("no source address for " + destination.getHostAddress());
            }
            return new Route(destination, source, interfaceFor(destination, source));
        } catch (SocketException e) {
            throw new NoRouteException(e.getMessage() == null ? "no route" : e.getMessage());
        }
    }

    private static String interfaceFor(InetAddress destination, InetAddress source) throws SocketException {
        // Traffic to one of this host's own addresses goes over loopback whatever interface owns it.
        if (destination.isLoopbackAddress() || NetworkInterface.getByInetAddress(destination) != null) {
            NetworkInterface lo = loopback();
            return lo == null ? "lo" : lo.getName();
        }
        NetworkInterface nic = NetworkInterface.getByInetAddress(source);
        return nic == null ? null : nic.getName();
    }

    private static NetworkInterface loopback() throws SocketException {
        var all = NetworkInterface.getNetworkInterfaces();
        while (all.hasMoreElements()) {
            NetworkInterface nic = all.nextElement();
            if (nic.isLoopback()) {
                return nic;
            }
        }
        return null;
    }

    public static final class NoRouteException extends IOException {
        public NoRouteException(String message) {
            super(message);
        }
    }
}
