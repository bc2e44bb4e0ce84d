package io.netcheck.check;

import io.netcheck.check.HostPort;
import java.nio.file.Path;
import java.time.Duration;

/** {@code tcp HOST:PORT [--timeout 3s] [--no-capture] [--pcap FILE]}. */
public record TcpRequest(HostPort target, Duration timeout, boolean capture, Path pcapFile) {
}
