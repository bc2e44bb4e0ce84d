package io.netcheck.slack;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.config.NetcheckConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
    record Rule(Optional<List<String>> users, Optional<List<String>> groups, Optional<List<String>> channels)
            implements NetcheckConfig.Permission {
    }

    private final Authorization auth = new Authorization(Map.of(
            "trace", new Rule(Optional.of(List.of("U1")), Optional.of(List.of("S1")), Optional.empty()),
            "listen", new Rule(Optional.empty(), Optional.of(List.of("S1")), Optional.of(List.of("C1"))),
            "http", new Rule(Optional.empty(), Optional.of(List.of("SDOWN")), Optional.empty())),
            g -> {
                if (g.equals("SDOWN")) {
                    throw new IllegalStateException("Slack unavailable");
                }
                return g.equals("S1") ? Set.of("U2") : Set.of();
            }, Clock.systemUTC());

    @Test
    void readOnlyChecksAreOpenByDefault() {
        assertNull(auth.refusal("vip", "U9", "C9"));
        assertNull(auth.refusal("dns", "U9", "C9"));
    }

    @Test
    void listenIsClosedUntilGranted() {
        Authorization none = new Authorization(Map.of(), g -> Set.of(), Clock.systemUTC());
        assertTrue(none.refusal("listen", "U1", "C1").contains("not enabled for Slack"));
        assertNull(auth.refusal("listen", "U2", "C1"));
        assertTrue(auth.refusal("listen", "U2", "C2").contains("may only be run in <#C1>"));
    }

    @Test
    void usersOrGroupMembersMayRunIt() {
        assertNull(auth.refusal("trace", "U1", "C9"));
        assertNull(auth.refusal("trace", "U2", "C9"));
        assertTrue(auth.refusal("trace", "U3", "C9").contains("netcheck.auth.trace.users or in <!subteam^S1>"));
    }

    @Test
    void whenSlackCannotSayWhoIsInAGroupItRefuses() {
        assertTrue(auth.refusal("http", "U2", "C9") != null);
    }
}
