package io.netcheck.verdict.host;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ListenEvidence;
import java.util.List;
import java.util.Optional;

/** The temporary listener could not bind: the port is in use (by the service itself, often). */
public final class ListenPortTaken implements Rule<ListenEvidence> {
    @Override
    public String id() {
        return "listen-port-in-use";
    }

    @Override
    public Optional<Finding> evaluate(ListenEvidence e) {
        if (e.problem() == null) {
            return Optional.empty();
        }
        boolean held = e.holder() != null && !e.holder().isEmpty();
        return Optional.of(new Finding(Cause.LOCAL, Confidence.HIGH,
                "cannot listen on port " + e.request().port() + (held ? ": " + e.holder() + " holds it" : ""),
                e.problem() + "." + (held ? " It is held by " + e.holder() + ": something already listens, so test "
                        + "that service directly (netcheck tcp / listeners " + e.request().port() + ") or pick a free "
                        + "port for the listener test." : " Pick a free port for the listener test."),
                List.of("netcheck listeners " + e.request().port()))
                // bind() failing and /proc/net naming the holder are two observations; bind() alone is one.
                .withSignals("bind: " + e.problem(), held ? "/proc/net: " + e.holder() + " holds the port" : null));
    }
}
