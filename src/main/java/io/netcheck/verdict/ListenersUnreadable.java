package io.netcheck.verdict;

import io.netcheck.host.ListenersEvidence;
import java.util.List;
import java.util.Optional;

/** /proc/net could not be read: nothing can be said about this host's sockets. */
final class ListenersUnreadable implements Rule<ListenersEvidence> {
    @Override
    public String id() {
        return "listeners-unreadable";
    }

    @Override
    public Optional<Finding> evaluate(ListenersEvidence e) {
        if (e.problems().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Cause.LOCAL, Confidence.HIGH, "this host's sockets could not be listed",
                String.join("; ", e.problems()) + ".", List.of("run netcheck where /proc is mounted (Linux)")));
    }
}
