package io.netcheck.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database created by netcheck's earlier, hand-rolled migrator (Java migrations, String.hashCode checksums) keeps
 * working under quarkus-flyway's SQL migrations: its history is realigned, its data kept.
 */
class LegacyHistoryTest {
    @TempDir
    Path dir;

    @Test
    void aDatabaseOfTheEarlierMigratorIsRealignedAndKeepsItsWatches() throws Exception {
        StoreUrl url = StoreUrl.parse("jdbc:h2:file:" + dir.resolve("old"));
        DataSource ds = TestStores.dataSource(url, "sa", "");
        legacyFlyway(ds, earlier("1", "watches and summaries", "V1__watches_and_summaries.sql", 0),
                earlier("2", "outages and state changes", "V2__outages_and_state_changes.sql", 0),
                earlier("3", "last healthy reports", "V3__last_healthy_reports.sql", 0)).migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO watch (channel, name, command, every_seconds, source, created_at, state, "
                    + "pending_count) VALUES ('C1', 'web', 'tcp 198.51.100.7:443', 60, 'slack', 0, 'UNKNOWN', 0)");
        }
        assertEquals(List.of("JDBC", "JDBC", "JDBC"), types(ds));

        WatchStore store = new WatchStore(ds, TestStores.flyway(ds), url.describe());
        store.migrate();
        assertEquals("web", store.find("C1", "web").orElseThrow().name());
        assertTrue(types(ds).stream().allMatch("SQL"::equals), types(ds).toString());
        TestStores.flyway(ds).validate(); // checksums now Flyway's own: a plain validate passes
        store.add("C1", "db", "tcp 198.51.100.8:5432", Duration.ofMinutes(1), Watch.SLACK, "U1", Instant.EPOCH);
        store.migrate(); // and again: nothing left to realign
        assertEquals(2, store.watches().size());
    }

    @Test
    void aHistoryRowOfAnotherFileIsRefusedNotRewritten() throws Exception {
        StoreUrl url = StoreUrl.parse("jdbc:h2:file:" + dir.resolve("edited"));
        DataSource ds = TestStores.dataSource(url, "sa", "");
        legacyFlyway(ds, earlier("1", "watches and summaries", "V1__watches_and_summaries.sql", 1)).migrate();
        WatchStore store = new WatchStore(ds, TestStores.flyway(ds), url.describe());
        StoreUnavailable e = assertThrows(StoreUnavailable.class, store::migrate);
        assertTrue(e.getMessage().contains("V1") && e.getMessage().contains("not touching it"), e.getMessage());
        assertEquals(List.of("JDBC"), types(ds));
    }

    static Flyway legacyFlyway(DataSource ds, JavaMigration... migrations) {
        return Flyway.configure(LegacyHistoryTest.class.getClassLoader()).dataSource(ds).javaMigrations(migrations)
                .locations("classpath:db/netcheck/none").table(StoreSchema.HISTORY_TABLE).load();
    }

    static List<String> types(DataSource ds) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT \"type\" FROM \"" + StoreSchema.HISTORY_TABLE
                     + "\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /**
     * The earlier migrator's migration, as it was: statements split on ';', checksum String.hashCode (plus
     * {@code checksumDelta}, as if the file had been edited since). A proxy, not a class: quarkus-flyway takes every
     * JavaMigration class in the (test) index for a migration of the app.
     */
    static JavaMigration earlier(String version, String description, String file, int checksumDelta) {
        return (JavaMigration) Proxy.newProxyInstance(LegacyHistoryTest.class.getClassLoader(),
                new Class<?>[] {JavaMigration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getVersion" -> MigrationVersion.fromVersion(version);
                    case "getDescription" -> description;
                    case "getChecksum" -> LegacyHistory.legacyChecksum(file) + checksumDelta;
                    case "canExecuteInTransaction" -> true;
                    case "migrate" -> {
                        runEarlierWay(((Context) args[0]).getConnection(), file);
                        yield null;
                    }
                    case "toString" -> "earlier V" + version;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> InvocationHandler.invokeDefault(proxy, method, args); // getType, getResolvedMigration
                });
    }

    private static void runEarlierWay(Connection c, String file) throws Exception {
        String text;
        try (var in = LegacyHistoryTest.class.getClassLoader().getResourceAsStream("db/netcheck/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                kept.append(line).append('\n');
            }
        }
        try (Statement s = c.createStatement()) {
            for (String sql : kept.toString().split(";\\s*\n")) {
                if (!sql.isBlank()) {
                    s.execute(sql.strip());
                }
            }
        }
    }
}
