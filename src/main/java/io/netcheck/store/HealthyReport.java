package io.netcheck.store;

import java.time.Instant;

/**
 * A target's last healthy run, kept to say what changed when it fails.
 *
 * @param json the report as the JSON renderer wrote it (schema/report-v1.json)
 */
public record HealthyReport(Instant at, String json) {
}
