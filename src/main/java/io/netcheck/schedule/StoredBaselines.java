package io.netcheck.schedule;

import io.netcheck.diff.Baseline;
import io.netcheck.diff.Baselines;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.WatchStore;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The last healthy reports in the watch store: a store that is down means no comparison, never a failed run. */
public final class StoredBaselines implements Baselines {
    private static final Logger LOG = Logger.getLogger(StoredBaselines.class);
    private final WatchStore store;

    public StoredBaselines(WatchStore store) {
        this.store = store;
    }

    @Override
    public Optional<Baseline> last(String target) {
        try {
            return store.lastHealthyReport(key(target)).map(h -> new Baseline(h.at(), h.json()));
        } catch (StoreUnavailable e) {
            LOG.warnf("cannot read the last healthy report of %s: %s", target, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void keep(String target, Baseline baseline) {
        try {
            store.keepHealthyReport(key(target), baseline.at(), baseline.json());
        } catch (StoreUnavailable e) {
            LOG.warnf("cannot keep the healthy report of %s: %s", target, e.getMessage());
        }
    }

    /** Targets fit the column: a long URL keeps its start and a digest of the whole. */
    static String key(String target) {
        if (target.length() <= 1000) {
            return target;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(target.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return target.substring(0, 900) + "#" + java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
