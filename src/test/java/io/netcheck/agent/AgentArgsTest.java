package io.netcheck.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.command.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgsTest {
    @Test
    void parsesTheFixedForm() {
        AgentArgs a = AgentArgs.parse(List.of("--connect", "wss://netcheck.example:8443/", "--name", "lb-a", "--zone",
                "dc1", "--label", "role=lb", "--label", "rack=r7"));
        assertEquals("https://netcheck.example:8443", a.connect().toString());
        assertEquals("lb-a", a.name());
        assertEquals("dc1", a.zone());
        assertEquals(Map.of("role", "lb", "rack", "r7"), a.labels());
    }

    @Test
    void badArgumentsSayWhy() {
        assertTrue(message(List.of("--name", "lb-a")).contains("--connect URL is required"));
        assertTrue(message(List.of("--connect", "http://x:1")).contains("--name NAME is required"));
        assertTrue(message(List.of("--connect", "ftp://x", "--name", "a")).contains("http(s)://"));
        assertTrue(message(List.of("--connect", "http://x", "--name", "a b")).contains("--name"));
        assertTrue(message(List.of("--connect", "http://x", "--name", "a", "--label", "novalue")).contains("KEY=VALUE"));
        assertTrue(message(List.of("--connect", "http://x", "--name", "a", "--bogus", "1")).contains("unknown"));
        assertTrue(message(List.of("--connect")).contains("needs a value"));
    }

    private static String message(List<String> words) {
        return assertThrows(IllegalArgumentException.class, () -> AgentArgs.parse(words)).getMessage();
    }

    @Test
    void fromIsTakenOffTheWordsAndLimitedToRemoteChecks() throws UsageException {
        FromOption f = FromOption.split(List.of("tcp", "10.0.0.5:443", "--from", "lb-a", "--json"));
        assertEquals("lb-a", f.agent());
        assertEquals(List.of("tcp", "10.0.0.5:443", "--json"), f.words());
        assertEquals("be-1", FromOption.split(List.of("ping", "h", "--from=be-1")).agent());
        assertNull(FromOption.split(List.of("tcp", "h:1")).agent());
        assertThrows(UsageException.class, () -> FromOption.split(List.of("tcp", "h:1", "--from")));
        assertThrows(UsageException.class, () -> FromOption.split(List.of("tcp", "h:1", "--from", "a", "--from", "b")));
        assertTrue(assertThrows(UsageException.class, () -> FromOption.split(List.of("listen", "80", "--from", "a")))
                .getMessage().contains("not listen"));
        FromOption vip = FromOption.split(List.of("vip", "10.0.0.5:443", "--backends", "10.0.1.10:443", "--from", "lb-a"));
        assertEquals("lb-a", vip.agent());
        assertEquals(List.of("vip", "10.0.0.5:443", "--backends", "10.0.1.10:443"), vip.words());
    }

    @Test
    void backoffJitterStaysWithinHalfAndOneAndAHalf() {
        for (int i = 0; i < 200; i++) {
            long ms = AgentClient.jitter(java.time.Duration.ofSeconds(2));
            assertTrue(ms >= 1000 && ms <= 3000, "jitter " + ms);
        }
    }
}
