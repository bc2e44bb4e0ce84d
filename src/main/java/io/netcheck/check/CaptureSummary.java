package io.netcheck.check;

import java.util.List;

/**
 * How the run's capture went.
 *
 * @param problem  why there is no capture (no privilege, no libpcap, switched off), null when it worked
 * @param pcapFile the written .pcap, null when nothing was written
 */
public record CaptureSummary(boolean available, String problem, List<String> interfaces, String filter, int snaplen,
                             int packets, long dropped, String pcapFile) {
    public CaptureSummary {
        interfaces = List.copyOf(interfaces);
    }
}
