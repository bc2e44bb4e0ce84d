package io.netcheck.verdict.host;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.Listener;
import io.netcheck.check.ListenersEvidence;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The port listens, but only on 127.0.0.1 / ::1: other hosts cannot reach it (the guide's netstat warning). */
public final class LoopbackOnly implements Rule<ListenersEvidence> {
    @Override
    public String id() {
        return "listens-on-loopback-only";
    }

    @Override
    public Optional<Finding> evaluate(ListenersEvidence e) {
        if (e.request().port() == null || e.relevant().isEmpty()
                || !e.relevant().stream().allMatch(Listener::loopbackOnly)) {
            return Optional.empty();
        }
        int port = e.request().port();
        String sockets = e.relevant().stream().map(l -> l.protocol() + " " + l.socket() + " " + l.owner())
                .collect(Collectors.joining(", "));
        // One reading of the kernel's socket tables: one signal.
        return Optional.of(new Finding(Cause.APP_ERROR, Confidence.MEDIUM,
                "port " + port + " listens on loopback only",
                sockets + ". A socket bound to 127.0.0.1 or ::1 accepts connections from this host only: "
                        + "from anywhere else the port looks closed (RST). The service's bind address is "
                        + "configured for local use.",
                List.of("bind the service to 0.0.0.0 / [::] (or the interface clients use) in its configuration",
                        "then re-run netcheck listeners " + port))
                .withSignals("/proc/net on " + e.host() + ": port " + port + " bound to " + sockets + " only"));
    }
}
