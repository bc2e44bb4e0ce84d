package io.netcheck.check;

import java.net.InetAddress;

/**
 * One listening socket of this host, as {@code netstat -lntup} shows it.
 *
 * @param protocol tcp, tcp6, udp or udp6 (the /proc/net file it came from)
 * @param pid      the owning process, null when it could not be found (another user's, without root)
 * @param process  the owning process's name (/proc/PID/comm), null with pid
 */
public record Listener(String protocol, InetAddress address, int port, long inode, int uid, Integer pid,
                       String process) {
    public boolean loopbackOnly() {
        return address.isLoopbackAddress();
    }

    public boolean allAddresses() {
        return address.isAnyLocalAddress();
    }

    public boolean tcp() {
        return protocol.startsWith("tcp");
    }

    /** {@code 0.0.0.0:8080}, {@code [::]:8080}, {@code 127.0.0.1:5432}. */
    public String socket() {
        String a = address.getHostAddress();
        if (a.contains(":")) {
            a = "[" + (address.isAnyLocalAddress() ? "::" : address.isLoopbackAddress() ? "::1" : a) + "]";
        }
        return a + ":" + port;
    }

    public String owner() {
        return pid == null ? "process unknown" : process + " (pid " + pid + ")";
    }
}
