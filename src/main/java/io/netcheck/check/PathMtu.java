package io.netcheck.check;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.probe.raw.MtuResult;
import java.net.InetAddress;
import java.util.List;

/**
 * The path MTU follow-up towards one address whose flow stalled after the request (connected, request
 * sent, then silence or a stalled body).
 *
 * @param endpoints the stalled endpoints at this address, as the user named them
 * @param result    the measurement, null when it was not made ({@code problem} says why)
 * @param problem   why the path MTU was not (fully) measured, null when it was
 * @param packets   tcpdump lines of the measurement's frames
 * @param frames    those frames, cut to the run's snap length, for the .pcap
 */
public record PathMtu(InetAddress address, List<String> endpoints, MtuResult result, String problem,
                     List<String> packets, List<CapturedFrame> frames) {
    public PathMtu {
        endpoints = List.copyOf(endpoints);
        packets = List.copyOf(packets);
        frames = List.copyOf(frames);
    }

    public static PathMtu notMeasured(InetAddress address, List<String> endpoints, String problem) {
        return new PathMtu(address, endpoints, null, problem, List.of(), List.of());
    }

    /** Small packets pass, larger ones vanish without "fragmentation needed". */
    public boolean blackHole() {
        return result != null && result.blackHole();
    }

    /** Sizes were measured (at least one answered). */
    public boolean measured() {
        return result != null && result.pathMtu() != null;
    }
}
