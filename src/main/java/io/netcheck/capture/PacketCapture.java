package io.netcheck.capture;

import java.time.Duration;
import java.util.List;

/** Starts packet captures. Implementations must not throw when capture is impossible: they say why. */
public interface PacketCapture {
    CaptureSession start(List<String> interfaces, String filter, int snaplen);

    /** A capture that records nothing, for runs where capture is switched off. */
    static PacketCapture disabled(String reason) {
        return (interfaces, filter, snaplen) -> new CaptureSession() {
            @Override
            public CaptureResult stop(Duration linger) {
                return CaptureResult.unavailable(reason, interfaces, filter, snaplen);
            }

            @Override
            public void close() {
            }
        };
    }
}
