package io.netcheck.verdict.host;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ListenersEvidence;
import java.util.List;
import java.util.Optional;

/** No socket listens on the port on this host: the service is not running, or runs on another port. */
public final class NothingListensHere implements Rule<ListenersEvidence> {
    @Override
    public String id() {
        return "nothing-listens-here";
    }

    @Override
    public Optional<Finding> evaluate(ListenersEvidence e) {
        if (e.request().port() == null || !e.relevant().isEmpty()) {
            return Optional.empty();
        }
        int port = e.request().port();
        // One reading of the kernel's socket tables: one signal.
        return Optional.of(new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM,
                "nothing listens on port " + port + " on " + e.host(),
                "No TCP or UDP socket on " + e.host() + " (network namespace of netcheck) is bound to port " + port
                        + " (" + e.listeners().size() + " listening sockets in all). Connections to it are refused "
                        + "with RST: the service is stopped, failed to start, or listens on another port.",
                List.of("start the service and check its log for bind errors",
                        "check the port in the service's configuration"))
                .withSignals("/proc/net on " + e.host() + ": no socket bound to port " + port + " among "
                        + e.listeners().size() + " listening sockets"));
    }
}
