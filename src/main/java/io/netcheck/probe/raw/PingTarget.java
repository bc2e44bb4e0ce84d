package io.netcheck.probe.raw;

import io.netcheck.probe.Route;
import java.time.Duration;

/**
 * @param interval time between echo requests
 * @param replyWait how long to wait for the last reply
 */
public record PingTarget(Route route, int count, Duration interval, Duration replyWait) {
}
