package io.netcheck.cli;

import io.netcheck.config.NetcheckConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * netcheck's configuration read without Quarkus, from the sources Quarkus reads and with their ordinals, so a
 * setting means the same to both starts: system properties (400), environment (300), {@code .env} in the working
 * directory (295), {@code config/application.properties} in the working directory (260, where the chart mounts
 * its ConfigMap), {@code application.properties} in the app (250); profile {@code prod} unless
 * {@code quarkus.profile} / {@code QUARKUS_PROFILE} says otherwise. Only the {@code netcheck.*} mapping is read.
 */
final class LeanConfig {
    private LeanConfig() {
    }

    static NetcheckConfig read() {
        ClassLoader loader = LeanConfig.class.getClassLoader();
        String profile = Optional.ofNullable(System.getProperty("quarkus.profile"))
                .or(() -> Optional.ofNullable(System.getenv("QUARKUS_PROFILE"))).orElse("prod");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources() // system properties and the environment
                .addDefaultInterceptors() // profiles (%prod.), ${...} expansion
                .withProfile(profile)
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .withSources(PropertiesConfigSourceLoader.inFileSystem("config/application.properties", 260, loader))
                .withSources(DotEnvConfigSourceProvider.dotEnvSources(loader))
                // "15s", "5m" as Quarkus reads durations (plain SmallRye wants ISO-8601, PT15S)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(NetcheckConfig.class)
                // quarkus.* and the server's keys are Quarkus' business here, as they are under Quarkus
                .withValidateUnknown(false)
                .build();
        return config.getConfigMapping(NetcheckConfig.class);
    }
}
