package io.netcheck.capture;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The BPF filter for a run: TCP to and from each probed endpoint, plus ICMP errors (they come from
 * routers and firewalls, not from the endpoint, so they cannot be filtered by host). IPv6 neighbour
 * discovery and router solicitations are left out: they are noise here.
 */
public final class CaptureFilter {
    private CaptureFilter() {
    }

    public static String forEndpoints(List<InetSocketAddress> endpoints) {
        String tcp = endpoints.stream().distinct()
                .map(e -> "(host " + e.getAddress().getHostAddress() + " and port " + e.getPort() + ")")
                .collect(Collectors.joining(" or "));
        String icmp = "(icmp and icmp[0] != 0 and icmp[0] != 8)";
        String icmp6 = "(icmp6 and ip6[40] >= 1 and ip6[40] <= 4)";
        return "(tcp and (" + tcp + ")) or " + icmp + " or " + icmp6;
    }
}
