package io.netcheck.diff;

import java.util.Optional;

/** Where the last healthy report of each target is kept: the watch store in the server, a directory for the CLI. */
public interface Baselines {
    /** Empty when none is kept, or when the place cannot be read (a comparison is never worth failing a check). */
    Optional<Baseline> last(String target);

    /** Replaces the target's baseline; failures are logged, not thrown, for the same reason. */
    void keep(String target, Baseline baseline);

    Baselines NONE = new Baselines() {
        @Override
        public Optional<Baseline> last(String target) {
            return Optional.empty();
        }

        @Override
        public void keep(String target, Baseline baseline) {
        }
    };
}
