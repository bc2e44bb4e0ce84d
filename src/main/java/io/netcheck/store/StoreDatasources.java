package io.netcheck.store;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the netcheck.store settings into Quarkus datasource settings at start-up. The database kind of an Agroal
 * datasource is fixed at build time, so both kinds are built in ({@code h2}, {@code postgresql}) and this activates
 * the one {@code netcheck.store.url} names, with its URL and credentials. With the store off (the one-shot CLI)
 * both stay inactive: no pool is started and Flyway never runs.
 *
 * <p>Ordinal 200, below application.properties: an explicit {@code quarkus.datasource.*} setting still wins.
 */
public class StoreDatasources implements ConfigSourceFactory {
    static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new PropertiesConfigSource(settings(value(context, "netcheck.store.enabled", "true"),
                value(context, "netcheck.store.url", "jdbc:h2:file:./data/netcheck"),
                value(context, "netcheck.store.username", null), value(context, "netcheck.store.password", null)),
                "netcheck store datasources", ORDINAL));
    }

    /** The datasource settings for these store settings. An unsupported URL activates nothing; the store bean
     * reports it. */
    static Map<String, String> settings(String enabled, String url, String username, String password) {
        Map<String, String> out = new HashMap<>();
        StoreUrl.Kind active = null;
        if (Boolean.parseBoolean(enabled)) {
            try {
                active = StoreUrl.parse(url).kind();
            } catch (IllegalArgumentException e) {
                active = null;
            }
        }
        for (StoreUrl.Kind kind : StoreUrl.Kind.values()) {
            String prefix = "quarkus.datasource.\"" + kind.datasource + "\".";
            out.put(prefix + "active", String.valueOf(kind == active));
            if (kind == active) {
                out.put(prefix + "jdbc.url", url);
                if (username != null) {
                    out.put(prefix + "username", username);
                }
                if (password != null) {
                    out.put(prefix + "password", password);
                }
            }
        }
        return out;
    }

    private static String value(ConfigSourceContext context, String name, String fallback) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null ? fallback : v.getValue();
    }
}
