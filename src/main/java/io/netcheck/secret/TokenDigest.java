package io.netcheck.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A configured token kept only as its SHA-256, so neither a configuration dump nor a heap dump gives it away, and
 * a presented token compared with it in constant time. A token may be configured as {@code sha256:HEX} so the
 * server never holds the token itself.
 */
public final class TokenDigest {
    private static final String SHA256 = "sha256:";
    private static final byte[] NOTHING = new byte[32];

    private final byte[] digest;

    private TokenDigest(byte[] digest) {
        this.digest = digest;
    }

    /**
     * @param configured the token, or {@code sha256:} and 64 hex digits
     * @throws IllegalArgumentException for a blank token or a bad digest (the message never echoes the token)
     */
    public static TokenDigest of(String configured) {
        String t = configured == null ? "" : configured.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("the token is empty");
        }
        if (t.regionMatches(true, 0, SHA256, 0, SHA256.length())) {
            String hex = t.substring(SHA256.length());
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("sha256: needs 64 hex digits");
            }
            return new TokenDigest(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT)));
        }
        return new TokenDigest(sha256(t));
    }

    /** Whether the presented token is this one: hashed, then compared in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
    }

    /**
     * Checks {@code presented} against {@code expected}, or against nothing when {@code expected} is null, with the
     * same hash and comparison either way, so an unknown name costs what a known one does.
     */
    public static boolean matches(TokenDigest expected, String presented) {
        boolean match = MessageDigest.isEqual(expected == null ? NOTHING : expected.digest,
                sha256(presented == null ? "" : presented.strip()));
        return expected != null && presented != null && match;
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
