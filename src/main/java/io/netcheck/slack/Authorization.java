package io.netcheck.slack;

import io.netcheck.config.NetcheckConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who may run which command where, from {@code netcheck.auth.<command>.*}. Read-only checks are open by
 * default; commands that change something on the bot's host ({@code listen}) are refused until granted.
 * Refusals say which permission is missing.
 */
public final class Authorization {
    static final Set<String> CLOSED_BY_DEFAULT = Set.of("listen");
    private static final Duration GROUP_CACHE = Duration.ofMinutes(5);

    private record Members(Set<String> users, Instant at) {
    }

    private final Map<String, NetcheckConfig.Permission> rules;
    private final Function<String, Set<String>> groupMembers;
    private final Clock clock;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    /** @param groupMembers reads a user group's members from Slack (throws if Slack cannot say) */
    public Authorization(Map<String, NetcheckConfig.Permission> rules, Function<String, Set<String>> groupMembers, Clock clock) {
        this.rules = rules;
        this.groupMembers = groupMembers;
        this.clock = clock;
    }

    /** @return null when allowed, else what is missing */
    public String refusal(String command, String user, String channel) {
        NetcheckConfig.Permission p = rules.get(command);
        if (p == null) {
            return CLOSED_BY_DEFAULT.contains(command) ? "`" + command + "` is not enabled for Slack: an admin grants it "
                    + "with netcheck.auth." + command + ".users or .groups" : null;
        }
        List<String> channels = p.channels().orElse(List.of());
        if (!channels.isEmpty() && !channels.contains(channel)) {
            return "`" + command + "` may only be run in " + String.join(", ", channels.stream().map(c -> "<#" + c + ">")
                    .toList()) + " (netcheck.auth." + command + ".channels)";
        }
        List<String> users = p.users().orElse(List.of());
        List<String> groups = p.groups().orElse(List.of());
        if (users.isEmpty() && groups.isEmpty()) {
            return null;
        }
        if (users.contains(user)) {
            return null;
        }
        for (String group : groups) {
            if (members(group).contains(user)) {
                return null;
            }
        }
        return "`" + command + "` needs you to be " + (users.isEmpty() ? "" : "one of the users in netcheck.auth."
                + command + ".users") + (users.isEmpty() || groups.isEmpty() ? "" : " or ")
                + (groups.isEmpty() ? "" : "in " + String.join(", ", groups.stream().map(g -> "<!subteam^" + g + ">")
                .toList()));
    }

    private Set<String> members(String group) {
        Members cached = cache.get(group);
        if (cached != null && cached.at().plus(GROUP_CACHE).isAfter(clock.instant())) {
            return cached.users();
        }
        try {
            Set<String> users = groupMembers.apply(group);
            cache.put(group, new Members(users, clock.instant()));
            return users;
        } catch (RuntimeException e) {
            // Slack could not say: refuse rather than guess (a stale answer is kept if there is one).
            return cached != null ? cached.users() : Set.of();
        }
    }
}
