package io.netcheck.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which agent names may connect with which token, from {@code NAME=TOKEN,NAME=sha256:HEX}. Only SHA-256
 * digests are kept, and a presented token is hashed and compared in constant time, so neither the
 * configuration dump nor the comparison's timing gives a token away.
 */
public final class AgentTokens {
    private static final String SHA256 = "sha256:";
    private final Map<String, byte[]> digests;

    private AgentTokens(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    public static final AgentTokens NONE = new AgentTokens(Map.of());

    /** @throws IllegalArgumentException naming the bad entry (never echoing a token) */
    public static AgentTokens parse(String spec) {
        Map<String, byte[]> out = new HashMap<>();
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
            String token = e.substring(eq + 1).strip();
            byte[] digest;
            if (token.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
                String hex = token.substring(SHA256.length());
                if (!hex.matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalArgumentException("NETCHECK_AGENT_TOKENS entry " + n + " (" + name
                            + "): sha256: needs 64 hex digits");
                }
                digest = HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
            } else {
                digest = sha256(token);
            }
            if (out.put(name, digest) != null) {
                throw new IllegalArgumentException("NETCHECK_AGENT_TOKENS: agent " + name + " is listed twice");
            }
        }
        return new AgentTokens(out);
    }

    /** Whether this name may connect with this token. Unknown names cost the same hash and comparison. */
    public boolean accepts(String name, String token) {
        if (name == null || token == null) {
            return false;
        }
        byte[] expected = digests.get(name);
        byte[] presented = sha256(token);
        boolean match = MessageDigest.isEqual(expected == null ? new byte[32] : expected, presented);
        return expected != null && match;
    }

    public Set<String> names() {
        return new TreeSet<>(digests.keySet());
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
