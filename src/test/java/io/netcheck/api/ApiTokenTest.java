package io.netcheck.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiTokenTest {
    @Test
    void apiTokenIsComparedWhole() {
        ApiToken t = new ApiToken("abc");
        assertTrue(t.accepts("Bearer abc"));
        assertTrue(t.accepts("bearer abc"));
        assertFalse(t.accepts("Bearer ab"));
        assertFalse(t.accepts("abc"));
        assertFalse(t.accepts(null));
        assertFalse(new ApiToken(null).accepts("Bearer "));
    }
}
