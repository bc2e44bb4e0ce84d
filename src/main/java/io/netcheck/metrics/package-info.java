/**
 * Micrometer metrics for checks (runs, verdicts, durations).
 */
package io.netcheck.metrics;
