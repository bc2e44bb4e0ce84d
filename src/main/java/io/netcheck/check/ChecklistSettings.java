package io.netcheck.check;

import io.netcheck.probe.ServiceProbe;
import java.nio.file.Path;
import java.time.Duration;

/**
 * @param snaplen        bytes kept per packet: small by default so no payload (cookies, tokens) is kept
 * @param linger         how long to keep capturing after the probes end, for late RSTs and retransmits
 * @param captureDir     where .pcap files go when the request names none
 * @param measureVipHost send an ICMP echo and a SYN to {@code vipHostPort} to the VIP address, so that who answers
 *                       the VIP port can be told from the VIP host's own packets
 * @param vipHostPort    the second port (the next one up when it is the VIP's own port)
 * @param maxBody        the most response body bytes read per request ({@code netcheck.probe.max-body})
 */
public record ChecklistSettings(int snaplen, Duration linger, Path captureDir, boolean measureVipHost,
                                int vipHostPort, int maxBody) {
    public static final int DEFAULT_VIP_HOST_PORT = 9;

    public ChecklistSettings(int snaplen, Duration linger, Path captureDir) {
        this(snaplen, linger, captureDir, true, DEFAULT_VIP_HOST_PORT, ServiceProbe.DEFAULT_MAX_BODY);
    }
}
