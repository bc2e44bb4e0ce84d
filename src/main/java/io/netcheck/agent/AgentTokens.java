package io.netcheck.agent;

import io.netcheck.secret.TokenDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which agent names may connect with which token, from {@code NAME=TOKEN,NAME=sha256:HEX}. Only SHA-256
 * digests are kept, and a presented token is hashed and compared in constant time ({@link TokenDigest}), so
 * neither the configuration dump nor the comparison's timing gives a token away.
 */
public final class AgentTokens {
    private final Map<String, TokenDigest> digests;

    private AgentTokens(Map<String, TokenDigest> digests) {
        this.digests = Map.copyOf(digests);
    }

    public static final AgentTokens NONE = new AgentTokens(Map.of());

    /** @throws IllegalArgumentException naming the bad entry (never echoing a token) */
    public static AgentTokens parse(String spec) {
        Map<String, TokenDigest> out = new HashMap<>();
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        int n = 0;
        for (String entry : spec.split(",")) {
            n++;
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("NETCHECK_AGENT_TOKENS entry " + n + " is not NAME=TOKEN");
            }
            String name = e.substring(0, eq).strip();
            if (!AgentArgs.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("NETCHECK_AGENT_TOKENS entry " + n + ": agent name '" + name
                        + "' must be 1-63 of [A-Za-z0-9._-]");
            }
            TokenDigest digest;
            try {
                digest = TokenDigest.of(e.substring(eq + 1));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException("NETCHECK_AGENT_TOKENS entry " + n + " (" + name + "): "
                        + bad.getMessage());
            }
            if (out.put(name, digest) != null) {
                throw new IllegalArgumentException("NETCHECK_AGENT_TOKENS: agent " + name + " is listed twice");
            }
        }
        return new AgentTokens(out);
    }

    /** Whether this name may connect with this token. Unknown names cost the same hash and comparison. */
    public boolean accepts(String name, String token) {
        return name != null && TokenDigest.matches(digests.get(name), token);
    }

    public Set<String> names() {
        return new TreeSet<>(digests.keySet());
    }

    /** The SHA-256 of a token, e.g. to configure it as {@code sha256:HEX}. */
    public static byte[] sha256(String token) {
        return TokenDigest.sha256(token);
    }
}
