package io.netcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreDatasourcesTest {
    private static final String H2 = "quarkus.datasource.\"h2\".";
    private static final String PG = "quarkus.datasource.\"postgresql\".";

    @Test
    void theUrlPicksTheOneActiveDatasource() {
        Map<String, String> h2 = StoreDatasources.settings("true", "jdbc:h2:file:/data/netcheck", null, null);
        assertEquals("true", h2.get(H2 + "active"));
        assertEquals("false", h2.get(PG + "active"));
        assertEquals("jdbc:h2:file:/data/netcheck", h2.get(H2 + "jdbc.url"));
        assertNull(h2.get(PG + "jdbc.url"));

        Map<String, String> pg = StoreDatasources.settings("true", "jdbc:postgresql://db:5432/netcheck", "nc", "pw");
        assertEquals("false", pg.get(H2 + "active"));
        assertEquals("true", pg.get(PG + "active"));
        assertEquals("nc", pg.get(PG + "username"));
        assertEquals("pw", pg.get(PG + "password"));
    }

    @Test
    void theCliActivatesNoDatasourceSoNoPoolStartsAndNoMigrationRuns() {
        Map<String, String> cli = StoreDatasources.settings("false", "jdbc:postgresql://db:5432/netcheck", "nc", "pw");
        assertEquals("false", cli.get(H2 + "active"));
        assertEquals("false", cli.get(PG + "active"));
        assertFalse(cli.containsKey(PG + "password"));
    }

    @Test
    void anUnsupportedUrlActivatesNothing() {
        Map<String, String> other = StoreDatasources.settings("true", "jdbc:mysql://db/netcheck", null, null);
        assertEquals("false", other.get(H2 + "active"));
        assertEquals("false", other.get(PG + "active"));
    }
}
