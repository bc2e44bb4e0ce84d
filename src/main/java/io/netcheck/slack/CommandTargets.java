package io.netcheck.slack;

import io.netcheck.checklist.HostPort;
import io.netcheck.command.Command;
import java.util.ArrayList;
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

    /** The VIP and backends of a vip check, for refusing IP literals before the ack; empty for other commands. */
    static List<HostPort> targets(Command command) {
        if (!(command instanceof Command.Vip vip)) {
            return List.of();
        }
        List<HostPort> targets = new ArrayList<>(vip.request().backends());
        targets.add(0, vip.request().vip());
        return targets;
    }
}
