package io.netcheck.secret;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenDigestTest {
    @Test
    void plainAndHashedFormsMatchTheTokenWhole() {
        TokenDigest plain = TokenDigest.of(" s3cret ");
        TokenDigest hashed = TokenDigest.of("SHA256:" + HexFormat.of().formatHex(TokenDigest.sha256("s3cret")).toUpperCase());
        for (TokenDigest d : new TokenDigest[] {plain, hashed}) {
            assertTrue(d.matches("s3cret"));
            assertFalse(d.matches("s3cre"));
            assertFalse(d.matches("s3cret2"));
            assertFalse(d.matches(null));
            assertTrue(TokenDigest.matches(d, "s3cret"));
        }
        assertFalse(hashed.matches("sha256:" + HexFormat.of().formatHex(TokenDigest.sha256("s3cret"))),
                "the digest is not the token");
        assertFalse(TokenDigest.matches(null, "s3cret"), "no expected token: nothing matches");
        assertFalse(TokenDigest.matches(plain, null));
    }

    @Test
    void badFormsAreRefusedWithoutEchoingThem() {
        assertThrows(IllegalArgumentException.class, () -> TokenDigest.of("  "));
        var e = assertThrows(IllegalArgumentException.class, () -> TokenDigest.of("sha256:abcdef"));
        assertTrue(e.getMessage().contains("64 hex digits") && !e.getMessage().contains("abcdef"), e.getMessage());
    }
}
