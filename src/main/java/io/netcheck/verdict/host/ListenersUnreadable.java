package io.netcheck.verdict.host;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.ListenersEvidence;
import java.util.List;
import java.util.Optional;

/** /proc/net could not be read: nothing can be said about this host's sockets. */
public final class ListenersUnreadable implements Rule<ListenersEvidence> {
    @Override
    public String id() {
        return "listeners-unreadable";
    }

    @Override
    public Optional<Finding> evaluate(ListenersEvidence e) {
        if (e.problems().isEmpty()) {
            return Optional.empty();
        }
        // One attempt to read /proc/net: one signal.
        return Optional.of(new Finding(Cause.LOCAL, Confidence.MEDIUM, "this host's sockets could not be listed",
                String.join("; ", e.problems()) + ".", List.of("run netcheck where /proc is mounted (Linux)"))
                .withSignals(String.join("; ", e.problems())));
    }
}
