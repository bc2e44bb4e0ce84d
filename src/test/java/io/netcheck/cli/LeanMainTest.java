package io.netcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netcheck.config.NetcheckConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lean start in-process: its configuration, what it refuses, and how it reports bad settings. */
class LeanMainTest {
    private Properties saved;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void keepProperties() {
        // LeanMain sets the one-shot defaults as system properties; later tests in this JVM must not see them.
        saved = (Properties) System.getProperties().clone();
    }

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    private int run(String... args) {
        return LeanMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheMappingsDefaultsAndQuarkusDurations() {
        NetcheckConfig config = LeanConfig.read();
        assertEquals(Duration.ofSeconds(3), config.probe().timeout());
        assertEquals(Duration.ofMillis(150), config.capture().linger());
        assertTrue(config.capture().enabled());
    }

    @Test
    void aSystemPropertyOverridesTheAppsProperties() {
        System.setProperty("netcheck.probe.timeout", "7s");
        assertEquals(Duration.ofSeconds(7), LeanConfig.read().probe().timeout());
    }

    @Test
    void helpRunsWithoutQuarkus() {
        assertEquals(Cli.HEALTHY, run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("vip HOST:PORT"), out::toString);
    }

    @Test
    void theServerAndTheAgentAreNotOneShotCommands() {
        assertEquals(Cli.USAGE, run("serve"));
        assertTrue(err().contains("serve runs the server"), this::err);
        assertEquals(Cli.USAGE, run("agent", "--server", "http://127.0.0.1:1"));
        assertEquals(Cli.USAGE, run());
    }

    @Test
    void aBadSettingIsOneClearErrorNotAStackTrace() {
        System.setProperty("netcheck.probe.timeout", "banana");
        assertEquals(Cli.USAGE, run("help"));
        assertTrue(err().startsWith("netcheck: bad configuration: "), this::err);
        assertTrue(err().contains("netcheck.probe.timeout"), this::err);
        assertFalse(err().contains("\tat "), this::err);
    }

    @Test
    void aBadWiringSettingIsOneClearErrorToo() {
        System.setProperty("netcheck.probe.vip-host-port", "70000");
        assertEquals(Cli.USAGE, run("help"));
        assertEquals("netcheck: bad configuration: netcheck.probe.vip-host-port: 70000 is not a TCP port (1-65535)\n",
                err());
    }

    @Test
    void theTargetPolicyIsOffForTheCliAsUnderQuarkus() {
        LeanMain.run(List.of("help"), new PrintStream(out), new PrintStream(err));
        assertEquals("false", System.getProperty("netcheck.policy.enabled"));
        assertFalse(LeanConfig.read().policy().enabled());
    }
}
