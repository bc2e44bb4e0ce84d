package io.netcheck.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two stores on one database stand for two replicas: a delivery is taken by one of them only. */
class SlackDeliveryStoreTest {
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aDeliveryIsTakenOnceAcrossReplicasUntilTheWindowPasses() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("shared");
        try (WatchStore a = TestStores.open(url, "sa", ""); WatchStore b = TestStores.open(url, "sa", "")) {
            assertTrue(a.firstDelivery("trigger-1", T0, WINDOW));
            assertFalse(b.firstDelivery("trigger-1", T0.plusSeconds(3), WINDOW), "the retry on the other replica");
            assertFalse(a.firstDelivery("trigger-1", T0.plusSeconds(9 * 60), WINDOW));
            assertTrue(b.firstDelivery("trigger-2", T0.plusSeconds(9 * 60), WINDOW));
            assertTrue(b.firstDelivery("trigger-1", T0.plusSeconds(11 * 60), WINDOW), "forgotten after the window");
        }
    }
}
