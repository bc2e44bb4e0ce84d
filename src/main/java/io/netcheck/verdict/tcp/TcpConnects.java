package io.netcheck.verdict.tcp;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ConnectAttempt;
import java.util.List;
import java.util.Optional;

/** The handshake completed: the port is reachable and something listens. */
public final class TcpConnects implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "tcp-connects";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        if (!a.connected()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.HEALTHY, Confidence.HIGH, a.target().label() + " accepts connections",
                ConnectWords.connect(a) + ". The path is open and a process listens on the port.",
                List.of()).withSignals(ConnectWords.connected(a)));
    }
}
