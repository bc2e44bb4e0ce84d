package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/**
 * The name did not resolve, so nothing could be connected to: nobody reaches it by that name, whatever the network
 * does. One rule for the VIP checklist and the single commands ({@link Connection}).
 */
public final class ConnectNameFails implements Rule<Connection> {
    @Override
    public String id() {
        return "name-does-not-resolve";
    }

    @Override
    public Optional<Finding> evaluate(Connection c) {
        if (c.state() != TcpState.DNS_FAILED) {
            return Optional.empty();
        }
        var r = c.resolution();
        String servers = r.servers().isEmpty() ? "the system resolver" : String.join(", ", r.servers());
        return Optional.of(new Finding(Cause.DNS, Confidence.MEDIUM,
                "the name " + r.name() + " does not resolve (" + r.status() + ")",
                "Resolving " + r.name() + " through " + servers + " failed after " + Describe.ms(r.elapsed()) + ": "
                        + r.error() + ". No connection was attempted to the " + c.whose() + ", so clients that use "
                        + "this name fail before sending a single packet.",
                List.of("netcheck dns " + r.name() + " to see each resolver's answer: a zone problem or a resolver "
                                + "problem",
                        "check the record exists in the zone and the resolvers can reach its servers",
                        "check the search domains in /etc/resolv.conf if the name is not fully qualified"))
                // One resolver path asked once: one signal. `netcheck dns` compares resolvers for more.
                .withSignals(r.name() + ": " + r.status() + " from " + servers));
    }
}
