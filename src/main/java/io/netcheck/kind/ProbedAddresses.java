package io.netcheck.kind;

import io.netcheck.check.ConnectAttempt;
import io.netcheck.check.EndpointEvidence;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the addresses a run's probes were aimed at, each once, in order; a target whose name did not resolve
 * adds none. The kinds' {@link CheckKind#probed} use it.
 */
final class ProbedAddresses {
    private final List<InetAddress> out = new ArrayList<>();

    ProbedAddresses add(EndpointEvidence e) {
        return add(e == null || e.address() == null ? null : e.address().getAddress());
    }

    ProbedAddresses add(ConnectAttempt a) {
        return add(a == null || a.address() == null ? null : a.address().getAddress());
    }

    ProbedAddresses add(InetAddress a) {
        if (a != null && !out.contains(a)) {
            out.add(a);
        }
        return this;
    }

    List<InetAddress> list() {
        return List.copyOf(out);
    }
}
