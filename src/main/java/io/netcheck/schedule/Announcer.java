package io.netcheck.schedule;

import io.netcheck.report.Report;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where watch news goes. The Slack layer implements it; this package never sees Slack types. Each method
 * either posts everything or throws, so the caller knows whether to keep it for a retry.
 */
public interface Announcer {
    /**
     * A watch went down: the verdict and owning team, and the evidence thread, in the watch's channel and the
     * incident channel.
     *
     * @param report the run that confirmed it; null when the check could not run (refused by the policy)
     * @param posted   told where the alert stands as soon as each root message is out, before its evidence thread:
     *                 the caller notes it at once, so a replica killed while posting evidence does not leave the
     *                 outage unannounced in the store (and another replica does not alert it a second time)
     * @return where it was posted, as {@code channel:ts} joined by commas, for the recovery reply
     */
    String outage(Watch watch, Report report, WatchResult result, Consumer<String> posted) throws AnnounceFailed;

    /**
     * A watch is back: a reply in each of the outage's threads, with how long it was down.
     *
     * @param posted run as soon as the first reply is out (the caller notes the recovery as announced)
     */
    void recovery(Watch watch, String threads, Duration outage, WatchResult result, Runnable posted)
            throws AnnounceFailed;

    /** A channel's health summary. */
    void summary(HealthSummary summary) throws AnnounceFailed;
}
