package io.netcheck.probe;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/** Address helpers every check shares, so a literal is recognised the same way everywhere. */
public final class Addresses {
    private Addresses() {
    }

    /** Parses IP literals only (never triggers a DNS lookup); null for names. */
    public static InetAddress literal(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            return null;
        }
    }

    /** IPv4 first: it is what most clients of an internal service end up using, and what teams know. */
    public static InetAddress preferred(List<InetAddress> addresses) {
        return addresses.stream().filter(a -> a instanceof Inet4Address).findFirst().orElse(addresses.get(0));
    }
}
