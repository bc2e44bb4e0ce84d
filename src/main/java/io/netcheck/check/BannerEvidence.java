package io.netcheck.check;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything one banner test learnt.
 *
 * @param banner  the greeting's first line (printable), null when the service said nothing
 * @param bytes   how many bytes arrived (up to 512)
 * @param after   how long after the connect the first byte came; null when none did
 * @param end     how reading ended; null when there was no connection
 */
public record BannerEvidence(BannerCheck.Request request, Instant startedAt, Duration elapsed, ConnectAttempt attempt,
                             String banner, int bytes, Duration after, End end, CaptureSummary capture) {
    /** How reading the greeting ended. */
    public enum End {
        /** a full first line arrived */
        LINE,
        /** 512 bytes without a line end */
        LIMIT,
        /** the wait ran out */
        SILENCE,
        /** the service closed the connection */
        CLOSED,
        /** the connection was reset */
        RESET
    }

    public boolean said() {
        return banner != null;
    }
}
