package io.netcheck.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The store's versioned schema, applied by Flyway. Each version is a SQL file under {@code db/netcheck/},
 * listed here rather than found by classpath scanning, which Quarkus' class loader does not support.
 * Never edit a released file: add the next version.
 */
final class Migrations {
    private Migrations() {
    }

    static JavaMigration[] all() {
        return List.of(new SqlFile("1", "watches and summaries", "V1__watches_and_summaries.sql"),
                        new SqlFile("2", "outages and state changes", "V2__outages_and_state_changes.sql"),
                        new SqlFile("3", "last healthy reports", "V3__last_healthy_reports.sql"))
                .toArray(JavaMigration[]::new);
    }

    /**
     * One SQL file, statements split on ';' at line ends (the files hold no procedural code). Implements
     * JavaMigration directly: BaseJavaMigration takes the version from the class name (V1__...) and refuses any
     * other name when constructed.
     */
    static final class SqlFile implements JavaMigration {
        private final String version;
        private final String description;
        private final String file;

        SqlFile(String version, String description, String file) {
            this.version = version;
            this.description = description;
            this.file = file;
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(version);
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public Integer getChecksum() {
            return text().hashCode();
        }

        String text() {
            try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream("db/netcheck/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("migration db/netcheck/" + file + " is missing from the build");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + file, e);
            }
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement statement = context.getConnection().createStatement()) {
                for (String sql : statements(text())) {
                    statement.execute(sql);
                }
            }
        }

        static List<String> statements(String text) {
            StringBuilder withoutComments = new StringBuilder();
            for (String line : text.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    withoutComments.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(withoutComments.toString().split(";\\s*\n"))
                    .map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1) : s)
                    .toList();
        }
    }
}
