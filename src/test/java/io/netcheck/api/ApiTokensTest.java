package io.netcheck.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.secret.TokenDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    static final List<String> COMMANDS = List.of("vip", "tcp", "http", "dns", "trace");

    @Test
    void eachNamedTokenGetsItsOwnGrants() {
        String hex = HexFormat.of().formatHex(TokenDigest.sha256("ci-secret"));
        ApiTokens t = ApiTokens.parse("ci=sha256:" + hex + ":tcp,http,vip; oncall=on:call:secret:*;lb=lb-secret:tcp,--from",
                null, COMMANDS);
        assertEquals(Set.of("ci", "oncall", "lb"), t.names());
        ApiTokens.Grant ci = t.caller("Bearer ci-secret").orElseThrow();
        assertEquals("ci", ci.name());
        assertNull(ci.refusal("tcp", false));
        assertEquals("token 'ci' may not run 'trace' (it may run: http, tcp, vip)", ci.refusal("trace", false));
        assertTrue(ci.refusal("tcp", true).contains("token 'ci' may not run checks on an agent (--from)"));
        ApiTokens.Grant oncall = t.caller("bearer on:call:secret").orElseThrow();
        assertEquals("oncall", oncall.name(), "a token may hold ':' (the grants follow the last one)");
        assertNull(oncall.refusal("trace", true), "* is every command and --from");
        ApiTokens.Grant lb = t.caller("Bearer lb-secret").orElseThrow();
        assertNull(lb.refusal("tcp", true));
        assertTrue(lb.refusal("http", true).contains("may not run 'http'"));
    }

    @Test
    void unknownMissingOrMalformedTokensMatchNothing() {
        ApiTokens t = ApiTokens.parse("ci=ci-secret:tcp", null, COMMANDS);
        assertTrue(t.caller("Bearer ci-secre").isEmpty());
        assertTrue(t.caller("Bearer sha256:" + HexFormat.of().formatHex(TokenDigest.sha256("ci-secret"))).isEmpty());
        assertTrue(t.caller("ci-secret").isEmpty(), "not a bearer header");
        assertTrue(t.caller("Bearer ").isEmpty());
        assertTrue(t.caller(null).isEmpty());
        assertFalse(ApiTokens.parse(null, null, COMMANDS).configured());
        assertTrue(ApiTokens.parse(null, null, COMMANDS).caller("Bearer ").isEmpty());
    }

    @Test
    void theSingleTokenIsDefaultAllowedEverything() {
        ApiTokens t = ApiTokens.parse(null, "legacy", COMMANDS);
        ApiTokens.Grant d = t.caller("Bearer legacy").orElseThrow();
        assertEquals(ApiTokens.DEFAULT, d.name());
        assertNull(d.refusal("trace", true));
        ApiTokens both = ApiTokens.parse("ci=ci-secret:tcp", "legacy", COMMANDS);
        assertEquals(Set.of("default", "ci"), both.names());
        var e = assertThrows(IllegalArgumentException.class,
                () -> ApiTokens.parse("default=other:tcp", "legacy", COMMANDS));
        assertTrue(e.getMessage().contains("NETCHECK_API_TOKEN is the token 'default'"), e.getMessage());
    }

    @Test
    void badEntriesNameTheEntryNeverTheToken() {
        var e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("ci=s3cret", null, COMMANDS));
        assertTrue(e.getMessage().contains("entry 1 is not NAME=TOKEN:COMMANDS"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("ci=s3cret:tcp,listen", null, COMMANDS));
        assertTrue(e.getMessage().contains("'listen' is not a command the API runs") && !e.getMessage().contains("s3cret"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("ci=s3cret:--from", null, COMMANDS));
        assertTrue(e.getMessage().contains("grants no command"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("c i=s3cret:tcp", null, COMMANDS));
        assertTrue(e.getMessage().contains("token name"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("ci=sha256:12:tcp", null, COMMANDS));
        assertTrue(e.getMessage().contains("(ci): sha256: needs 64 hex digits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ApiTokens.parse("ci=a:tcp;ci=s3cret:tcp", null, COMMANDS));
        assertTrue(e.getMessage().contains("token ci is given twice") && !e.getMessage().contains("s3cret"), e.getMessage());
    }
}
