package io.netcheck.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerClientTest {
    @Test
    void serverIsTakenOffTheCommand() {
        var s = ServerClient.split(List.of("tcp", "h:1", "--from", "lb-a", "--server", "http://nc:8080/", "--json"));
        assertEquals("http://nc:8080", s.server().toString());
        assertEquals(List.of("tcp", "h:1", "--from", "lb-a", "--json"), s.words());
        assertNull(ServerClient.split(List.of("tcp", "h:1")));
        assertThrows(IllegalArgumentException.class, () -> ServerClient.split(List.of("tcp", "--server")));
        assertThrows(IllegalArgumentException.class, () -> ServerClient.split(List.of("tcp", "--server", "nc:80")));
    }

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
