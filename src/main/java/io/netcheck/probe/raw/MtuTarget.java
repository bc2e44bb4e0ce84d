package io.netcheck.probe.raw;

import io.netcheck.probe.Route;
import java.time.Duration;

/**
 * @param replyWait how long one round of sizes waits at most for its answers (it ends sooner once the sizes
 *                  that pass have answered and a few round trips more have gone by)
 */
public record MtuTarget(Route route, Duration replyWait) {
}
