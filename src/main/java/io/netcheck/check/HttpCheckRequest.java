package io.netcheck.check;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code http URL [--timeout 3s] [--insecure]}.
 *
 * @param timeout  per request of the redirect chain
 * @param insecure like curl -k: certificate problems are reported but do not fail the check
 */
public record HttpCheckRequest(URI url, Duration timeout, boolean insecure, int warnDays, boolean capture,
                               Path pcapFile) {
    /** Redirects followed at most, as curl -L --max-redirs 5. */
    public static final int MAX_REDIRECTS = 5;
}
