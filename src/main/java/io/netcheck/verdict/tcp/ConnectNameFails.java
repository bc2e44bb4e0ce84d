package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/** The name did not resolve, so nothing could be connected to. */
public final class ConnectNameFails implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "name-does-not-resolve";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        if (a.state() != TcpState.DNS_FAILED) {
            return Optional.empty();
        }
        var r = a.resolution();
        String servers = r.servers().isEmpty() ? "the system resolver" : String.join(", ", r.servers());
        return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM, r.name() + " does not resolve",
                r.name() + ": " + r.error() + (r.servers().isEmpty() ? "" : " (asked " + String.join(", ", r.servers())
                        + ")") + ". No connection was attempted.",
                List.of("netcheck dns " + r.name() + " to see each resolver's answer",
                        "check the record exists in the zone and the resolvers can reach its servers"))
                // One resolver path asked once: one signal. `netcheck dns` compares resolvers for more.
                .withSignals(r.name() + ": " + r.status() + " from " + servers));
    }
}
