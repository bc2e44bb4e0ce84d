package io.netcheck.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompareOptionTest {
    @Test
    void compareIsTakenOffAnywhereAndTheRestParsesAsBefore() throws Exception {
        CompareOption c = CompareOption.split(List.of("vip", "app.svc.test:443", "--compare", "--tls"));
        assertTrue(c.compare());
        assertEquals(List.of("vip", "app.svc.test:443", "--tls"), c.words());
        assertTrue(new CommandParser(Limits.DEFAULTS).parse(c.words()) instanceof Command.Vip);
        CompareOption none = CompareOption.split(List.of("tcp", "db:5432"));
        assertFalse(none.compare());
        assertEquals(List.of("tcp", "db:5432"), none.words());
        assertTrue(CommandParser.USAGE.contains("--compare") && CommandParser.USAGE.contains("diff A.json B.json"));
    }
}
