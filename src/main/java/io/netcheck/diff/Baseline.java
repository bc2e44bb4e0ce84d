package io.netcheck.diff;

import java.time.Instant;

/**
 * The report JSON of a target's last healthy run.
 *
 * @param at   when that run started
 * @param json the report as {@code JsonRenderer} wrote it
 */
public record Baseline(Instant at, String json) {
}
