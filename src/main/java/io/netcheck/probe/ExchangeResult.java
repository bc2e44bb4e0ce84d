package io.netcheck.probe;

import java.time.Duration;

/**
 * @param firstByte time from sending the request to the first response byte, null if none came
 * @param response  the parsed response when {@code outcome == RESPONSE}
 */
public record ExchangeResult(ExchangeOutcome outcome, String requestLine, HttpResponseSummary response,
                             Duration firstByte, Duration elapsed, String error) {
}
