package io.netcheck.check;

import io.netcheck.check.HostPort;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code tls HOST:PORT [--sni NAME] [--warn-days N]}.
 *
 * @param sni      server name to send; null means the host when it is a name, none for an address
 * @param warnDays call out certificates that expire within this many days
 */
public record TlsRequest(HostPort target, String sni, int warnDays, Duration timeout, boolean capture, Path pcapFile) {
}
