package io.netcheck.checklist;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param snaplen        bytes kept per packet: small by default so no payload (cookies, tokens) is kept
 * @param linger         how long to keep capturing after the probes end, for late RSTs and retransmits
 * @param captureDir     where .pcap files go when the request names none
 */
public record ChecklistSettings(int snaplen, Duration linger, Path captureDir) {
}
