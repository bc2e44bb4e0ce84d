package io.netcheck.capture;

import java.util.List;

/**
 * Everything a capture produced. When capture was impossible the frames are empty and {@code problem}
 * says why in words an operator can act on.
 *
 * @param dropped packets libpcap reported as dropped (buffer full), so a gap in the evidence is visible
 */
public record CaptureResult(boolean available, String problem, List<String> interfaces, String filter, int snaplen,
                            List<CapturedFrame> frames, long dropped) {
    public CaptureResult {
        interfaces = List.copyOf(interfaces);
        frames = List.copyOf(frames);
    }

    public static CaptureResult unavailable(String problem, List<String> interfaces, String filter, int snaplen) {
        return new CaptureResult(false, problem, interfaces, filter, snaplen, List.of(), 0);
    }
}
