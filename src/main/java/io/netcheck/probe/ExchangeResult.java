package io.netcheck.probe;

import java.time.Duration;

/**
 * @param firstByte time from sending the request to the first response byte, null if none came
 * @param response  the parsed head when {@code outcome} is RESPONSE or BODY_STALLED
 * @param lastByte  time from sending the request to the last byte read (head or body), null if none came
 * @param bodyBytes body bytes read, without chunk framing (counted, never kept beyond an error page's start)
 * @param body      how the body read ended: complete, cut at netcheck's bound, stalled, broken
 */
public record ExchangeResult(ExchangeOutcome outcome, String requestLine, HttpResponseSummary response,
                             Duration firstByte, Duration elapsed, String error, Duration lastByte, long bodyBytes,
                             BodyEnd body) {
    /** No body was read: the request failed before a response head. */
    public ExchangeResult(ExchangeOutcome outcome, String requestLine, HttpResponseSummary response,
                          Duration firstByte, Duration elapsed, String error) {
        this(outcome, requestLine, response, firstByte, elapsed, error, firstByte, 0,
                response == null ? BodyEnd.NONE : BodyEnd.COMPLETE);
    }

    /** The body arrived to its end. */
    public boolean bodyComplete() {
        return body == BodyEnd.COMPLETE;
    }
}
