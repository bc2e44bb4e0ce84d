package io.netcheck.verdict.host;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.Arrival;
import io.netcheck.check.ListenEvidence;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Connections arrived: the path from those clients to this host and port is open. */
public final class ListenArrivals implements Rule<ListenEvidence> {
    @Override
    public String id() {
        return "listen-connections-arrived";
    }

    @Override
    public Optional<Finding> evaluate(ListenEvidence e) {
        if (e.problem() != null || e.arrivals().isEmpty()) {
            return Optional.empty();
        }
        String from = e.arrivals().stream().map(a -> AddressText.of(a.from().getAddress())).distinct().limit(5)
                .collect(Collectors.joining(", "));
        Arrival first = e.arrivals().get(0);
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH,
                e.arrivals().size() + (e.truncated() ? "+" : "") + " connection" + (e.arrivals().size() == 1 ? "" : "s")
                        + " reached port " + e.request().port() + " from " + from,
                "The temporary listener on " + e.host() + " port " + e.request().port() + " accepted connections from "
                        + from + " (first at " + first.at() + " on " + AddressText.of(first.local().getAddress())
                        + "). The network path from " + (from.contains(",") ? "those clients" : "that client")
                        + " to this port is open: if the real service is still unreachable, look at the service "
                        + "(listeners, its bind address) rather than the network.",
                // Each connection that arrived is one observation: a single one is MEDIUM.
                List.of()).withSignals(e.arrivals().stream().limit(3).map(a -> "a connection from "
                + AddressText.of(a.from().getAddress()) + ":" + a.from().getPort() + " arrived at " + a.at()
                + " on " + AddressText.of(a.local().getAddress())).toList()));
    }
}
