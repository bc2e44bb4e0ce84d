package io.netcheck.probe.raw;

import io.netcheck.capture.CapturedFrame;
import java.net.InetAddress;
import java.util.List;

/** A traceroute with ICMP echo and TCP SYN side by side; {@code problem} says why nothing was sent. */
public record TraceResult(String iface, InetAddress nextHop, int port, List<TraceHop> hops, String problem,
                          List<CapturedFrame> frames) {
    public TraceResult {
        hops = List.copyOf(hops);
        frames = List.copyOf(frames);
    }
}
