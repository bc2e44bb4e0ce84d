package io.netcheck.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A check run on a schedule for a channel.
 *
 * @param command   the check as a user would type it ({@code vip 10.0.0.5:443 --backends ...})
 * @param source    {@code slack} (added with /netcheck watch add) or {@code config} (declared in configuration)
 * @param lastRunAt the last finished run, or null
 * @param last      the last run's verdict, or null
 */
public record Watch(long id, String channel, String name, String command, Duration every, String source,
                    String createdBy, Instant createdAt, WatchState state, Instant lastRunAt, WatchResult last) {
    public static final String SLACK = "slack";
    public static final String CONFIG = "config";
}
