package io.netcheck.check;

import java.nio.file.Path;
import java.time.Duration;

/** {@code ping HOST [--count N] [--timeout 3s]}: --timeout is how long to wait for the last reply. */
public record PingRequest(String host, int count, Duration timeout, Path pcapFile) {
    /** Time between echo requests (ping's default is 1 s; a chat command should not take 20 s). */
    public static final Duration INTERVAL = Duration.ofMillis(200);
}
