package io.netcheck.slack;

import io.netcheck.check.HostPort;
import io.netcheck.command.Command;
import java.util.List;

/** Small facts about a parsed command that the Slack gatekeeping needs. */
final class CommandTargets {
    private CommandTargets() {
    }

    /** The command word of a check as typed: "vip" for "vip 10.0.0.5:443 ...". */
    static String verb(String check) {
        String t = check.strip();
        int space = t.indexOf(' ');
        return space < 0 ? t : t.substring(0, space);
    }

    /**
     * Where a check will send packets, as typed, for refusing IP literals before the ack (names are checked
     * once resolved, before any packet): each command's kind declares it ({@code Grammar.targets}).
     */
    static List<HostPort> targets(Command command) {
        return command instanceof Command.Check<?> check ? check.targets() : List.of();
    }
}
