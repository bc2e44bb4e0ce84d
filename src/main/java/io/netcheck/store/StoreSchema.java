package io.netcheck.store;

/**
 * Where the store's Flyway migrations live and where Flyway records them; application.properties configures the
 * quarkus-flyway instances with the same values. Never edit a released migration: add the next version.
 */
public final class StoreSchema {
    /** Kept from the hand-rolled migrator, so existing databases keep their history (see {@link LegacyHistory}). */
    public static final String HISTORY_TABLE = "netcheck_schema_history";
    /** The migrations, for H2 and PostgreSQL alike. */
    public static final String LOCATION = "db/netcheck";
    /** PostgreSQL's own migrations on top (V6: the clustered scheduler's Quartz tables). */
    public static final String POSTGRESQL_LOCATION = "db/netcheck-postgresql";

    private StoreSchema() {
    }
}
