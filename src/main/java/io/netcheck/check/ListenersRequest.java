package io.netcheck.check;

/** {@code listeners [PORT]}: all listening sockets of this host, or those on one port. */
public record ListenersRequest(Integer port) {
}
