package io.netcheck.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.flyway.FlywayDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * The watch store on the Agroal datasource (and its quarkus-flyway instance) that {@link StoreDatasources} activated
 * for {@code netcheck.store.url}. Looked up by name when the store is first used: the CLI never asks, so neither
 * datasource is ever built there.
 */
@ApplicationScoped
class StoreBeans {
    @Produces
    @Singleton
    WatchStore store(@ConfigProperty(name = "netcheck.store.url") String setting,
                     @Any Instance<AgroalDataSource> dataSources, @Any Instance<Flyway> flyways) {
        StoreUrl url = StoreUrl.parse(setting);
        String name = url.kind().datasource;
        return new WatchStore(dataSources.select(new DataSource.DataSourceLiteral(name)).get(),
                flyways.select(FlywayDataSource.FlywayDataSourceLiteral.of(name)).get(), url.describe());
    }
}
