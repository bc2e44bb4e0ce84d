package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentTokensTest {
    @Test
    void plainAndHashedTokensAreAcceptedForTheirNameOnly() {
        String hex = HexFormat.of().formatHex(AgentTokens.sha256("s3cret-2"));
        AgentTokens t = AgentTokens.parse("lb-a=s3cret-1, be-1=sha256:" + hex.toUpperCase());
        assertEquals(Set.of("lb-a", "be-1"), t.names());
        assertTrue(t.accepts("lb-a", "s3cret-1"));
        assertTrue(t.accepts("be-1", "s3cret-2"));
        assertFalse(t.accepts("lb-a", "s3cret-2"), "another agent's token");
        assertFalse(t.accepts("be-1", "sha256:" + hex), "the hash itself is not the token");
        assertFalse(t.accepts("lb-b", "s3cret-1"), "unknown name");
        assertFalse(t.accepts("lb-a", null));
        assertFalse(t.accepts(null, "s3cret-1"));
        assertFalse(AgentTokens.NONE.accepts("lb-a", "s3cret-1"));
    }

    @Test
    void badEntriesNameTheEntryNotTheToken() {
        var e = assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("lb-a=x,oops"));
        assertTrue(e.getMessage().contains("entry 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("lb-a=sha256:abc"));
        assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("lb-a=x,lb-a=y"));
        assertTrue(e.getMessage().contains("twice") && !e.getMessage().contains("=y"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AgentTokens.parse("l b=x"));
        assertTrue(e.getMessage().contains("agent name"), e.getMessage());
    }
}
