package io.netcheck.check;

import java.nio.file.Path;
import java.time.Duration;

/** {@code mtu HOST [--timeout 3s]}: --timeout is the time the whole measurement may take. */
public record MtuRequest(String host, Duration timeout, Path pcapFile) {
}
