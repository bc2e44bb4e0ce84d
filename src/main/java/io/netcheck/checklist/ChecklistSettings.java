package io.netcheck.checklist;

import io.netcheck.probe.ServiceProbe;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param snaplen        bytes kept per packet: small by default so no payload (cookies, tokens) is kept
 * @param linger         how long to keep capturing after the probes end, for late RSTs and retransmits
 * @param captureDir     where .pcap files go when the request names none
 * @param maxBody        the most response body bytes read per request ({@code netcheck.probe.max-body})
 */
public record ChecklistSettings(int snaplen, Duration linger, Path captureDir, int maxBody) {
    public ChecklistSettings(int snaplen, Duration linger, Path captureDir) {
        this(snaplen, linger, captureDir, ServiceProbe.DEFAULT_MAX_BODY);
    }
}
