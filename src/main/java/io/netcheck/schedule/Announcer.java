package io.netcheck.schedule;

import io.netcheck.report.Report;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import java.time.Duration;

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
     * @return where it was posted, as {@code channel:ts} joined by commas, for the recovery reply
     */
    String outage(Watch watch, Report report, WatchResult result) throws AnnounceFailed;

    /** A watch is back: a reply in each of the outage's threads, with how long it was down. */
    void recovery(Watch watch, String threads, Duration outage, WatchResult result) throws AnnounceFailed;

    /** A channel's health summary. */
    void summary(HealthSummary summary) throws AnnounceFailed;
}
