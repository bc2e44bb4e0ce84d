package io.netcheck.command;

import io.netcheck.kind.CheckKinds;
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
        assertTrue(CheckKinds.parser(Limits.DEFAULTS).parse(c.words()) instanceof Command.Check<?> check && check.verb().equals("vip"));
        CompareOption none = CompareOption.split(List.of("tcp", "db:5432"));
        assertFalse(none.compare());
        assertEquals(List.of("tcp", "db:5432"), none.words());
        String usage = CheckKinds.parser(Limits.DEFAULTS).usage();
        assertTrue(usage.contains("--compare") && usage.contains("diff A.json B.json"));
    }
}
