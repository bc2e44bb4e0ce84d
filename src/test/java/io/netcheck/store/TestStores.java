package io.netcheck.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** A store outside Quarkus, for plain JUnit tests: the driver's own DataSource and Flyway set up as the app does. */
public final class TestStores {
    private TestStores() {
    }

    public static WatchStore open(String setting, String username, String password) {
        StoreUrl url = StoreUrl.parse(setting);
        DataSource ds = dataSource(url, username, password);
        return new WatchStore(ds, flyway(ds), url.describe());
    }

    public static Flyway flyway(DataSource ds) {
        return Flyway.configure(TestStores.class.getClassLoader()).dataSource(ds)
                .locations("classpath:" + StoreSchema.LOCATION).table(StoreSchema.HISTORY_TABLE).load();
    }

    public static DataSource dataSource(StoreUrl url, String username, String password) {
        if (url.kind() == StoreUrl.Kind.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url.url());
            h2.setUser(username == null ? "" : username);
            h2.setPassword(password == null ? "" : password);
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(url.url());
        pg.setUser(username);
        pg.setPassword(password);
        pg.setConnectTimeout(5); // as application.properties sets for the pool
        pg.setSocketTimeout(30);
        return pg;
    }

    /** The versions of the bundled migrations, in order ("1", "2", ...): what a migrated store has applied. */
    public static java.util.List<String> bundledVersions() {
        // From the sources: in failsafe the classes come from the packaged jar, which has no directory listing.
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources", StoreSchema.LOCATION))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__"))).sorted(java.util.Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
