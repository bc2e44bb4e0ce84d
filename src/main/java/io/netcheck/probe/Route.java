package io.netcheck.probe;

import java.net.InetAddress;

/** How this host reaches a destination: the source address and interface the kernel picked. */
public record Route(InetAddress destination, InetAddress source, String interfaceName) {
}
