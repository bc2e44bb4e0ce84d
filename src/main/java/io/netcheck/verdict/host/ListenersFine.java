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

/** The port listens on an address other hosts can reach; or, with no port asked, the overview. */
public final class ListenersFine implements Rule<ListenersEvidence> {
    @Override
    public String id() {
        return "listeners-listed";
    }

    @Override
    public Optional<Finding> evaluate(ListenersEvidence e) {
        if (!e.problems().isEmpty()) {
            return Optional.empty();
        }
        if (e.request().port() == null) {
            long local = e.loopbackOnly().size();
            // One reading of the kernel's socket tables: one signal.
            return Optional.of(new Finding(Cause.HEALTHY, Confidence.MEDIUM,
                    e.listeners().size() + " listening sockets on " + e.host(),
                    e.listeners().size() + " listening sockets" + (local == 0 ? "."
                            : "; " + local + " of them on loopback only (reachable from this host alone): "
                            + e.loopbackOnly().stream().map(Listener::socket).distinct()
                            .collect(Collectors.joining(", ")) + "."), List.of())
                    .withSignals("/proc/net on " + e.host() + ": " + e.listeners().size() + " listening sockets"));
        }
        List<Listener> open = e.relevant().stream().filter(l -> !l.loopbackOnly()).toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.MEDIUM,
                "port " + e.request().port() + " listens on " + open.stream().map(Listener::socket).distinct()
                        .collect(Collectors.joining(", ")),
                open.stream().map(l -> l.protocol() + " " + l.socket() + " " + l.owner())
                        .collect(Collectors.joining(", ")) + ". If clients still cannot connect, the path (a firewall "
                        + "or security group) is the next suspect: netcheck tcp from the client side.",
                List.of()).withSignals("/proc/net on " + e.host() + ": port " + e.request().port() + " bound to "
                + open.stream().map(Listener::socket).distinct().collect(Collectors.joining(", "))));
    }
}
