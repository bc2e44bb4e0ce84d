package io.netcheck.verdict.tcp;

import io.netcheck.check.TcpState;
import io.netcheck.verdict.Connection;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.verdict.Unfinished;
import java.util.Optional;

/**
 * The probe was still running when the runner stopped waiting for it (its deadline plus grace). That is netcheck's
 * host being slow (CPU starved, a first TLS handshake in a cold JVM), not a finding about the target or the path,
 * and it is never "netcheck's host cannot send": INCONCLUSIVE, with the advice to run again. One rule for the VIP
 * checklist and the single commands ({@link Connection}).
 */
public final class ConnectOverran implements Rule<Connection> {
    @Override
    public String id() {
        return "probe-overran";
    }

    @Override
    public Optional<Finding> evaluate(Connection c) {
        if (c.state() != TcpState.OVERRAN) {
            return Optional.empty();
        }
        return Optional.of(Unfinished.finding("netcheck's probe of the " + c.whose() + " did not finish in time",
                c.words(), c.label() + " or the path to it"));
    }
}
