package io.netcheck.slack;

import io.netcheck.check.HostPort;
import io.netcheck.command.Command;
import java.util.ArrayList;
import java.util.List;
import io.netcheck.probe.Addresses;
import io.netcheck.probe.TargetPolicy;

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
     * once resolved, before any packet): each command's kind declares it ({@code Grammar.targets}).
     */
    public static List<HostPort> targets(Command command) {
        return command instanceof Command.Check<?> check ? check.targets() : List.of();
    }

    /**
     * IP-literal targets the policy refuses, refused at once (names are checked once resolved, before any
     * packet); shared by Slack and the check API. @return why, or null
     */
    public static String refusedLiteral(Command command, TargetPolicy policy) {
        List<String> refusals = new ArrayList<>();
        for (HostPort t : targets(command)) {
            java.net.InetAddress literal = Addresses.literal(t.host());
            String why = literal == null ? null : policy.refusal(literal, t.port());
            if (why != null) {
                refusals.add((t.port() < 0 ? t.host() : t.label()) + ": " + why);
            }
        }
        return refusals.isEmpty() ? null : String.join("; ", refusals);
    }
}
