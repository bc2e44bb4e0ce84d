package io.netcheck.slack;

import io.netcheck.checklist.HostPort;
import io.netcheck.command.Command;
import java.util.ArrayList;
import java.util.List;

/** Small facts about a parsed command that the Slack gatekeeping needs. */
public final class CommandTargets {
    private CommandTargets() {
    }

    /** The command word of a check as typed: "vip" for "vip 10.0.0.5:443 ...". */
    public static String verb(String check) {
        String t = check.strip();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }

    /**
     * Where a check will send packets, as typed, for refusing IP literals before the ack (names are checked
     * once resolved, before any packet). The dns command's @SERVER is checked by its own parser.
     */
    public static List<HostPort> targets(Command command) {
        if (command instanceof Command.Vip vip) {
            List<HostPort> targets = new ArrayList<>(vip.request().backends());
            targets.add(0, vip.request().vip());
            return targets;
        }
        if (command instanceof Command.Tcp tcp) {
            return List.of(tcp.request().target());
        }
        if (command instanceof Command.Tls tls) {
            return List.of(tls.request().target());
        }
        if (command instanceof Command.Trace trace) {
            return List.of(trace.request().target());
        }
        if (command instanceof Command.Http http) {
            var url = http.request().url();
            int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            String host = url.getHost() == null ? "" : url.getHost().replaceAll("^\\[|]$", "");
            return List.of(new HostPort(host, port));
        }
        if (command instanceof Command.Ping ping) {
            return List.of(new HostPort(ping.request().host(), -1)); // ICMP: no port to check
        }
        if (command instanceof Command.Mtu mtu) {
            return List.of(new HostPort(mtu.request().host(), -1)); // ICMP: no port to check
        }
        return List.of();
    }

    /**
     * IP-literal targets the policy refuses, refused at once (names are checked once resolved, before any
     * packet); shared by Slack and the check API. @return why, or null
     */
    public static String refusedLiteral(Command command, io.netcheck.probe.TargetPolicy policy) {
        List<String> refusals = new ArrayList<>();
        for (HostPort t : targets(command)) {
            java.net.InetAddress literal = io.netcheck.probe.Addresses.literal(t.host());
            String why = literal == null ? null : policy.refusal(literal, t.port());
            if (why != null) {
                refusals.add((t.port() < 0 ? t.host() : t.label()) + ": " + why);
            }
        }
        return refusals.isEmpty() ? null : String.join("; ", refusals);
    }
}
