package io.netcheck.store;

import java.time.Instant;

/** A channel's health summary schedule; {@code source} is {@code slack} or {@code config}. */
public record SummarySchedule(String channel, String cron, String source, Instant createdAt) {
}
