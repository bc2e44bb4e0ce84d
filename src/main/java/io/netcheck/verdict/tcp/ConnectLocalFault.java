package io.netcheck.verdict.tcp;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.ConnectWords;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.TcpState;
import java.util.List;
import java.util.Optional;

/** The attempt never left this host: no route, no source address, cannot bind. */
public final class ConnectLocalFault implements Rule<ConnectAttempt> {
    @Override
    public String id() {
        return "connect-local-fault";
    }

    @Override
    public Optional<Finding> evaluate(ConnectAttempt a) {
        if (a.state() != TcpState.LOCAL_ERROR) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.LOCAL, Confidence.HIGH,
                "the connection to " + a.target().label() + " never left netcheck's host",
                ConnectWords.connect(a) + ". Nothing was sent on the network, so this says nothing about the "
                        + "target: netcheck's own host cannot reach it (routing table, addresses, permissions).",
                List.of("check netcheck's host: ip route get " + (a.address() == null ? a.target().host()
                        : AddressText.of(a.address().getAddress())), "check its interfaces are up (ip addr)"))
                .withSignals(ConnectWords.connect(a), a.captured() && a.connect() != null && a.wire().packets() == 0
                        ? "the capture holds no packet of this attempt: nothing left this host" : null));
    }
}
