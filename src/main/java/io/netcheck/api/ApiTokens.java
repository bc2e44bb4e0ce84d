package io.netcheck.api;

import io.netcheck.secret.TokenDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The check API's named bearer tokens and what each may run, from {@code NETCHECK_API_TOKENS}
 * ({@code NAME=TOKEN:GRANTS;...}, the token also as {@code sha256:HEX}; GRANTS are command names, {@code --from}
 * for running on an agent, or {@code *} for everything) and the older single {@code NETCHECK_API_TOKEN} (the
 * token {@code default}, allowed everything). Only digests are kept ({@link TokenDigest}); every configured token
 * is compared with the presented one, so the time taken says nothing about which one nearly matched.
 */
final class ApiTokens {
    /** The name of {@code NETCHECK_API_TOKEN}. */
    static final String DEFAULT = "default";
    static final String FROM = "--from";
    static final String ALL = "*";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    /** A token's name and grants; {@code commands} empty with {@code all}. */
    record Grant(String name, boolean all, Set<String> commands, boolean from) {
        /** @return null when allowed, else the refusal naming the command and this token */
        String refusal(String command, boolean usesFrom) {
            if (!all && !commands.contains(command)) {
                return "token '" + name + "' may not run '" + command + "' (it may run: "
                        + (commands.isEmpty() ? "nothing" : String.join(", ", commands)) + ")";
            }
            if (usesFrom && !all && !from) {
                return "token '" + name + "' may not run checks on an agent (--from); '" + command
                        + "' here is allowed";
            }
            return null;
        }
    }

    private record Entry(TokenDigest digest, Grant grant) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * @param tokens   NETCHECK_API_TOKENS, or null
     * @param single   NETCHECK_API_TOKEN, or null: the token {@code default}, allowed everything
     * @param commands the commands the API runs (a grant naming another is a typo, refused at start)
     * @throws IllegalArgumentException naming the bad entry, never echoing a token
     */
    static ApiTokens parse(String tokens, String single, Collection<String> commands) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (single != null && !single.isBlank()) {
            out.put(DEFAULT, new Entry(TokenDigest.of(single), new Grant(DEFAULT, true, Set.of(), true)));
        }
        int n = 0;
        for (String raw : tokens == null ? new String[0] : tokens.split(";")) {
            n++;
            String e = raw.strip();
            if (e.isEmpty()) {
                continue;
            }
            String where = "NETCHECK_API_TOKENS entry " + n;
            int eq = e.indexOf('=');
            int colon = e.lastIndexOf(':');
            if (eq <= 0 || colon <= eq + 1) {
                throw new IllegalArgumentException(where + " is not NAME=TOKEN:COMMANDS (e.g. ci=TOKEN:tcp,http)");
            }
            String name = e.substring(0, eq).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(where + ": token name '" + name + "' must be 1-63 of [A-Za-z0-9._-]");
            }
            where += " (" + name + ")";
            TokenDigest digest;
            try {
                digest = TokenDigest.of(e.substring(eq + 1, colon));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(where + ": " + bad.getMessage());
            }
            Grant grant = grant(name, e.substring(colon + 1), commands, where);
            if (out.put(name, new Entry(digest, grant)) != null) {
                throw new IllegalArgumentException("NETCHECK_API_TOKENS: token " + name + " is given twice"
                        + (name.equals(DEFAULT) ? " (NETCHECK_API_TOKEN is the token 'default')" : ""));
            }
        }
        return new ApiTokens(new ArrayList<>(out.values()));
    }

    private static Grant grant(String name, String spec, Collection<String> commands, String where) {
        TreeSet<String> granted = new TreeSet<>();
        boolean from = false;
        boolean all = false;
        for (String g : spec.split(",")) {
            String c = g.strip();
            if (c.isEmpty()) {
                continue;
            }
            if (c.equals(ALL)) {
                all = true;
            } else if (c.equals(FROM)) {
                from = true;
            } else if (commands.contains(c)) {
                granted.add(c);
            } else {
                throw new IllegalArgumentException(where + ": '" + c + "' is not a command the API runs ("
                        + String.join(", ", new TreeSet<>(commands)) + "), --from or *");
            }
        }
        if (!all && granted.isEmpty()) {
            throw new IllegalArgumentException(where + ": grants no command (list them, or * for all)");
        }
        return new Grant(name, all, all ? Set.of() : Collections.unmodifiableSortedSet(granted), from || all);
    }

    boolean configured() {
        return !entries.isEmpty();
    }

    Set<String> names() {
        return new TreeSet<>(entries.stream().map(e -> e.grant().name()).toList());
    }

    /** @param authorization the Authorization header, e.g. {@code Bearer abc}; @return the token's grant */
    Optional<Grant> caller(String authorization) {
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        String presented = bearer ? authorization.substring(7) : "";
        Grant found = null;
        // Every entry is compared (no early exit): the time does not depend on which token matched.
        for (Entry e : entries) {
            if (e.digest().matches(presented) && bearer && !presented.isBlank()) {
                found = e.grant();
            }
        }
        return Optional.ofNullable(found);
    }
}
