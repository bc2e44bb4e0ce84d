package io.netcheck.verdict;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Who owns each cause, and how each team is named and mentioned. Defaults overridden by configuration. */
public final class TeamDirectory {
    private static final Map<String, String> DEFAULT_NAMES = Map.of(
            "none", "No team", "network", "Network team", "firewall", "Firewall team", "lb", "Load-balancer team",
            "server", "Server/application team", "dns", "DNS team", "platform", "Platform team (netcheck's host)");

    private final Map<Cause, String> owners = new EnumMap<>(Cause.class);
    private final Map<String, Team> teams = new HashMap<>();

    /** @param ownerOverrides cause → team key; @param teamOverrides team key → name and Slack group */
    public TeamDirectory(Map<Cause, String> ownerOverrides, Map<String, Team> teamOverrides) {
        for (Cause c : Cause.values()) {
            owners.put(c, ownerOverrides.getOrDefault(c, c.defaultTeam()));
        }
        DEFAULT_NAMES.forEach((key, name) -> teams.put(key, new Team(key, name, null)));
        teamOverrides.forEach((key, team) -> teams.put(key, new Team(key,
                team.name() != null ? team.name() : DEFAULT_NAMES.getOrDefault(key, key), team.slackGroup())));
    }

    public static TeamDirectory defaults() {
        return new TeamDirectory(Map.of(), Map.of());
    }

    /** A team by key; an unknown key (a team since removed from configuration) is shown as itself. */
    public Team team(String key) {
        return key == null ? null : teams.getOrDefault(key, new Team(key, key, null));
    }

    public Team ownerOf(Cause cause) {
        String key = owners.get(cause);
        return teams.getOrDefault(key, new Team(key, key, null));
    }
}
