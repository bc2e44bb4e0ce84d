package io.netcheck.api;

import io.netcheck.agent.AgentTokens;
import java.security.MessageDigest;

/** The API's bearer token, kept as its SHA-256 and compared in constant time. */
final class ApiToken {
    private final byte[] digest;

    ApiToken(String token) {
        this.digest = token == null || token.isBlank() ? null : AgentTokens.sha256(token.strip());
    }

    boolean configured() {
        return digest != null;
    }

    /** @param authorization the Authorization header, e.g. {@code Bearer abc} */
    boolean accepts(String authorization) {
        if (digest == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(digest, AgentTokens.sha256(authorization.substring(7).strip()));
    }
}
