package io.netcheck.check;

/** A target as the user typed it: a name or IP literal (IPv6 without brackets) and a port. */
public record HostPort(String host, int port) {
    public String label() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return label();
    }
}
