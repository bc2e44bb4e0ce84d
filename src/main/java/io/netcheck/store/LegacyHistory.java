package io.netcheck.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Databases created before netcheck used quarkus-flyway: their history rows for V1 to V3 are Java migrations
 * (type JDBC) whose checksum was {@code String.hashCode} of the SQL file, where plain SQL migrations now carry
 * Flyway's own checksum. Flyway would refuse them as changed. When every such row's checksum is the hash of the
 * very file bundled now (so the schema is exactly what that file creates), the rows are relabelled as that SQL
 * file and Flyway's {@code repair} writes its own checksum; a row that matches no bundled file is refused, never
 * rewritten.
 */
final class LegacyHistory {
    /** The versions the hand-rolled migrator applied: frozen, it is gone. */
    private static final Map<String, String> FILES = Map.of("1", "V1__watches_and_summaries.sql",
            "2", "V2__outages_and_state_changes.sql", "3", "V3__last_healthy_reports.sql");

    private LegacyHistory() {
    }

    /** Realigns legacy rows, if any; true when it did. */
    static boolean realign(DataSource dataSource, Flyway flyway) throws SQLException {
        List<String> legacy = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!historyExists(c)) {
                return false;
            }
            try (ResultSet r = s.executeQuery("SELECT \"version\", \"checksum\" FROM \"" + StoreSchema.HISTORY_TABLE
                    + "\" WHERE \"type\" = 'JDBC'")) {
                while (r.next()) {
                    String version = r.getString(1);
                    int checksum = r.getInt(2);
                    String file = FILES.get(version);
                    if (file == null || checksum != legacyChecksum(file)) {
                        throw new IllegalStateException("schema history row V" + version + " was written by an older"
                                + " netcheck from a migration this version does not bundle; not touching it");
                    }
                    legacy.add(version);
                }
            }
            for (String version : legacy) {
                try (PreparedStatement u = c.prepareStatement("UPDATE \"" + StoreSchema.HISTORY_TABLE
                        + "\" SET \"type\" = 'SQL', \"script\" = ? WHERE \"version\" = ? AND \"type\" = 'JDBC'")) {
                    u.setString(1, FILES.get(version));
                    u.setString(2, version);
                    u.executeUpdate();
                }
            }
        }
        if (!legacy.isEmpty()) {
            flyway.repair(); // now the same type and script: only the checksum differs, which repair realigns
        }
        return !legacy.isEmpty();
    }

    private static boolean historyExists(Connection c) throws SQLException {
        // In the connection's own schema only: another schema's netcheck (PostgreSQL) is not this one.
        try (ResultSet r = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), StoreSchema.HISTORY_TABLE,
                new String[] {"TABLE"})) {
            return r.next();
        }
    }

    /** What the old migrator recorded: the hash of the file's text. */
    static int legacyChecksum(String file) {
        try (InputStream in = LegacyHistory.class.getClassLoader()
                .getResourceAsStream(StoreSchema.LOCATION + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).hashCode();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }
}
