package io.netcheck.slack;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.netcheck.audit.AuditLog;

/**
 * One structured JSON line per Slack command, accepted or refused, on the {@code netcheck.audit} log
 * category: who, where, what, the decision, and for finished runs the verdict, the addresses the targets
 * resolved to and the duration. Tokens and secrets are never passed here.
 */
public final class Audit {

    private Audit() {
    }

    static void decision(String user, String channel, String command, String decision, String reason) {
        Map<String, Object> line = base("decision", user, channel, command);
        line.put("decision", decision);
        if (reason != null) {
            line.put("reason", reason);
        }
        write(line);
    }

    /**
     * A run that finished. {@code resolved} is what the target names resolved to, the addresses actually
     * probed (see {@link io.netcheck.report.Report#probedAddresses()}): the audit says where packets went,
     * not only what was typed.
     */
    static void finished(String user, String channel, String command, String cause, String team, String target,
                         List<InetAddress> resolved, long durationMs) {
        Map<String, Object> line = base("finished", user, channel, command);
        line.put("target", target);
        line.put("resolved", texts(resolved));
        line.put("cause", cause);
        line.put("team", team);
        line.put("durationMs", durationMs);
        write(line);
    }

    /** A run the target policy stopped once its names had resolved: nothing was sent to {@code resolved}. */
    static void refusedByPolicy(String user, String channel, String command, String reason, List<InetAddress> resolved,
                                long durationMs) {
        Map<String, Object> line = base("finished", user, channel, command);
        line.put("resolved", texts(resolved));
        line.put("cause", "REFUSED_BY_POLICY");
        line.put("reason", reason);
        line.put("durationMs", durationMs);
        write(line);
    }

    public static void apiDecision(String caller, String command, String decision, String reason) {
        decision(caller, "api", command, decision, reason);
    }

    public static void apiFinished(String caller, String command, String cause, String team, String target,
                                   List<InetAddress> resolved, long durationMs) {
        finished(caller, "api", command, cause, team, target, resolved, durationMs);
    }

    public static void apiRefusedByPolicy(String caller, String command, String reason, List<InetAddress> resolved,
                                          long durationMs) {
        refusedByPolicy(caller, "api", command, reason, resolved, durationMs);
    }

    private static List<String> texts(List<InetAddress> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(InetAddress::getHostAddress).toList();
    }

    private static Map<String, Object> base(String event, String user, String channel, String command) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("user", user);
        line.put("channel", channel);
        line.put("command", command == null ? null : command.length() > 500 ? command.substring(0, 500) + "…" : command);
        return line;
    }

    private static void write(Map<String, Object> line) {
        AuditLog.write(line);
    }
}
