package io.netcheck.probe;

import java.util.Set;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which resolved addresses and ports the bot may send packets to, so whoever can type in Slack cannot
 * turn it into a port scanner or an SSRF gadget (cloud metadata, the bot's own loopback). Checked on the
 * resolved address that is then probed — never on a name — so DNS cannot swap the target in between.
 */
public final class TargetPolicy {
    /**
     * Never probed by default: link-local and cloud metadata (AWS/GCP/Azure 169.254.169.254, AWS IPv6
     * fd00:ec2::254, Alibaba 100.100.100.200), loopback (the bot's own services), "this network",
     * multicast and broadcast.
     */
    public static final String DEFAULT_DENY = "169.254.0.0/16,fe80::/10,fd00:ec2::254/128,100.100.100.200/32,"
            + "127.0.0.0/8,::1/128,0.0.0.0/8,224.0.0.0/4,ff00::/8,255.255.255.255/32";

    /** No restriction: the CLI, run by someone who already has a shell on the host. */
    public static final TargetPolicy OPEN = new TargetPolicy(List.of(), List.of(), List.of(), List.of(), "");

    private final List<Cidr> allow;
    private final List<Cidr> deny;
    private final List<int[]> allowPorts;
    private final List<int[]> denyPorts;
    private final String origin;
    private static final Set<String> builtin = Set.of(DEFAULT_DENY.split(","));

    /**
     * @param allow      empty: every address not denied
     * @param allowPorts empty: every port not denied
     * @param origin     where the rules come from, named in refusals (e.g. "netcheck.policy")
     */
    public TargetPolicy(List<Cidr> allow, List<Cidr> deny, List<int[]> allowPorts, List<int[]> denyPorts,
                        String origin) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
        this.allowPorts = List.copyOf(allowPorts);
        this.denyPorts = List.copyOf(denyPorts);
        this.origin = origin;
    }

    /** @param port -1 when the probe has no port (ICMP) @return why the target is refused, or null */
    public String refusal(InetAddress address, int port) {
        for (Cidr c : deny) {
            if (c.contains(address)) {
                return address.getHostAddress() + " is in " + c.text() + " (" + origin
                        + (builtin.contains(c.text()) ? ".builtin-deny)" : ".deny-cidrs)");
            }
        }
        if (!allow.isEmpty() && allow.stream().noneMatch(c -> c.contains(address))) {
            return address.getHostAddress() + " is outside " + String.join(", ", allow.stream().map(Cidr::text).toList())
                    + " (" + origin + ".allow-cidrs)";
        }
        if (port >= 0) {
            for (int[] r : denyPorts) {
                if (port >= r[0] && port <= r[1]) {
                    return "port " + port + " is denied (" + origin + ".deny-ports)";
                }
            }
            if (!allowPorts.isEmpty() && allowPorts.stream().noneMatch(r -> port >= r[0] && port <= r[1])) {
                return "port " + port + " is not allowed (" + origin + ".allow-ports)";
            }
        }
        return null;
    }

    /** Parses "80,443,8000-8999". */
    public static List<int[]> ports(List<String> specs) {
        List<int[]> out = new ArrayList<>();
        for (String spec : specs) {
            for (String part : spec.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                String[] ends = p.split("-", 2);
                int lo = Integer.parseInt(ends[0].trim());
                int hi = ends.length == 2 ? Integer.parseInt(ends[1].trim()) : lo;
                if (lo < 1 || hi > 65535 || lo > hi) {
                    throw new IllegalArgumentException("bad port range '" + p + "'");
                }
                out.add(new int[] {lo, hi});
            }
        }
        return out;
    }

    /** An address block such as {@code 169.254.0.0/16} or {@code fd00:ec2::254/128}. */
    public record Cidr(byte[] network, int prefix, String text) {
        public static Cidr parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            if (Addresses.literal(addr) == null) {
                throw new IllegalArgumentException("'" + t + "' is not an address block (e.g. 10.0.0.0/8)");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(addr).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + t + "' is not an address block", e);
            }
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + t + "': prefix out of range");
            }
            return new Cidr(bytes, prefix, t);
        }

        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    /** Thrown before any packet is sent when a command names a target the policy refuses. */
    public static final class Refused extends RuntimeException {
        private final transient List<InetAddress> resolved;

        public Refused(String message) {
            this(message, List.of());
        }

        /** @param resolved the addresses the command's targets resolved to (refused or not); nothing was sent to any */
        public Refused(String message, List<InetAddress> resolved) {
            super(message, null, false, false);
            this.resolved = List.copyOf(resolved);
        }

        /** What the command's targets resolved to, for the audit log; empty when the refusal does not say. */
        public List<InetAddress> resolved() {
            return resolved;
        }
    }
}
