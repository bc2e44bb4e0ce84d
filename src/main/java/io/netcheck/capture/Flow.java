package io.netcheck.capture;

import java.net.InetAddress;

/** A TCP connection as seen from netcheck's side: local socket to remote socket. */
public record Flow(InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort) {
}
