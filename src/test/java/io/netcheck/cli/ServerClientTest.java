package io.netcheck.cli;

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
}
