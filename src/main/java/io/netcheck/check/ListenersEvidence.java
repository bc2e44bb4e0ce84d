package io.netcheck.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * This host's listening sockets at one moment.
 *
 * @param host              this host's name, so a report says where it looked
 * @param processesComplete false when some processes' sockets could not be read (not root)
 */
public record ListenersEvidence(ListenersRequest request, String host, Instant startedAt, Duration elapsed,
                                List<Listener> listeners, List<String> problems, boolean processesComplete) {
    public ListenersEvidence {
        listeners = List.copyOf(listeners);
        problems = List.copyOf(problems);
    }

    /** The listeners on the asked port (all of them when no port was asked). */
    public List<Listener> relevant() {
        return request.port() == null ? listeners
                : listeners.stream().filter(l -> l.port() == request.port()).toList();
    }

    public List<Listener> loopbackOnly() {
        return relevant().stream().filter(Listener::loopbackOnly).toList();
    }
}
