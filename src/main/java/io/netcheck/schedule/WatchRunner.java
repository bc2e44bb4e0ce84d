package io.netcheck.schedule;

import io.netcheck.check.ClusterUnreadable;
import io.netcheck.probe.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.netcheck.command.Command;
import io.netcheck.command.CommandParser;
import io.netcheck.command.UsageException;
import io.netcheck.diff.SinceLastWorked;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.report.Report;
import io.netcheck.store.StoreUnavailable;
import io.netcheck.store.Watch;
import io.netcheck.store.WatchResult;
import io.netcheck.store.WatchState;
import io.netcheck.store.WatchStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs one watch once: the check, its result into the store with the debounced state, then any announcement
 * that state asks for. A result the store cannot take waits in a bounded backlog and is recorded, in order,
 * when the store is back; an announcement that cannot be posted is retried after the next result.
 */
public final class WatchRunner {
    private static final Logger LOG = Logger.getLogger(WatchRunner.class);
    static final int BACKLOG_LIMIT = 500;

    /** Runs a parsed check (the same path as the CLI and Slack). */
    @FunctionalInterface
    public interface CheckRunner {
        Report check(Command command) throws InterruptedException;
    }

    /** What happened to a run, for metrics. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void ran(Watch watch, WatchResult result) {
        }

        default void changed(Watch watch, Debounce.Change change) {
        }

        default void backlog(int size, int dropped) {
        }
    }

    private record Unrecorded(long watchId, WatchResult result, Report report) {
    }

    private final WatchStore store;
    private final CommandParser parser;
    private final CheckRunner checks;
    private final Announcer announcer;
    private final Clock clock;
    private final Ticker ticker;
    private final int confirm;
    private final Listener listener;
    private final SinceLastWorked lastWorked;
    private final Deque<Unrecorded> backlog = new ArrayDeque<>();
    private int dropped;

    /** @param ticker the time source of a run's duration (the probes' one) */
    public WatchRunner(WatchStore store, CommandParser parser, CheckRunner checks, Announcer announcer, Clock clock,
                       Ticker ticker, int confirm, Listener listener) {
        this.store = store;
        this.parser = parser;
        this.checks = checks;
        this.announcer = announcer;
        this.clock = clock;
        this.ticker = ticker;
        this.confirm = confirm;
        this.listener = listener;
        this.lastWorked = new SinceLastWorked(new StoredBaselines(store), clock.getZone());
    }

    public void run(Watch watch) throws InterruptedException {
        run(watch, clock.instant());
    }

    /** @param started when the run began (the clustered scheduler passes the instant it claimed the run's slot at) */
    public void run(Watch watch, Instant started) throws InterruptedException {
        long t0 = ticker.nanos();
        Report report = null;
        WatchResult result;
        try {
            Command command = parser.parse(words(watch.command()));
            // A healthy run becomes the target's baseline; a failing one says what changed since it.
            report = lastWorked.note(checks.check(command), false);
            var v = report.verdict();
            result = new WatchResult(started, report.healthy(), v.cause().name(), report.healthy() ? null : v.team(),
                    v.summary(), report.elapsed().toMillis());
        } catch (UsageException e) {
            // The configuration changed under the watch (limits, a removed option): someone must fix the watch.
            result = failure(started, t0, "WATCH_INVALID", "the watch's command no longer parses: " + e.getMessage());
        } catch (TargetPolicy.Refused e) {
            result = failure(started, t0, "REFUSED_BY_POLICY", "refused by the target policy, nothing was sent: "
                    + e.getMessage());
        } catch (ClusterUnreadable e) {
            // The pool could not be read (API server down, permission withdrawn, Service deleted): a finding of its own.
            result = failure(started, t0, "CLUSTER_UNREADABLE", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "watch %s in %s failed", watch.name(), watch.channel());
            result = failure(started, t0, "WATCH_ERROR", "netcheck failed while running the check: " + e);
        }
        listener.ran(watch, result);
        record(new Unrecorded(watch.id(), result, report));
    }

    /** Records what the store could not take earlier, oldest first; stops at the first failure. */
    public void flushBacklog() {
        while (true) {
            Unrecorded next;
            synchronized (backlog) {
                next = backlog.peekFirst();
            }
            if (next == null) {
                return;
            }
            Optional<Watch> stored;
            try {
                stored = store(next);
            } catch (StoreUnavailable e) {
                return;
            }
            synchronized (backlog) {
                backlog.pollFirst();
                listener.backlog(backlog.size(), dropped);
            }
            stored.ifPresent(w -> announce(w, next));
            deleteCapture(next.report());
        }
    }

    public int backlogSize() {
        synchronized (backlog) {
            return backlog.size();
        }
    }

    private void record(Unrecorded u) {
        synchronized (backlog) {
            if (!backlog.isEmpty()) {
                // Keep the order: older results first.
                enqueue(u);
                return;
            }
        }
        try {
            store(u).ifPresent(w -> announce(w, u));
            deleteCapture(u.report());
        } catch (StoreUnavailable e) {
            synchronized (backlog) {
                enqueue(u);
            }
        }
    }

    private void enqueue(Unrecorded u) {
        if (backlog.size() >= BACKLOG_LIMIT) {
            deleteCapture(backlog.pollFirst().report());
            dropped++;
            LOG.warnf("store down for long: dropped the oldest unrecorded watch result (%d so far)", dropped);
        }
        backlog.addLast(u);
        listener.backlog(backlog.size(), dropped);
    }

    /**
     * Records a result with the state it leads to; returns the watch as it now stands, empty when it was removed
     * while it ran (nothing to keep).
     */
    private Optional<Watch> store(Unrecorded u) throws StoreUnavailable {
        try {
            Optional<Watch> current = store.find(u.watchId());
            if (current.isEmpty()) {
                return current;
            }
            Watch w = current.get();
            Debounce.Outcome o = Debounce.apply(w.state(), u.result().healthy(), u.result().at(), confirm);
            store.record(w.id(), u.result(), o.state(), o.change() == Debounce.Change.NONE ? null : o.from());
            if (o.change() != Debounce.Change.NONE) {
                listener.changed(w, o.change());
                LOG.infof("watch %s in %s: %s -> %s", w.name(), w.channel(), o.from(), o.state().state());
            }
            return Optional.of(new Watch(w.id(), w.channel(), w.name(), w.command(), w.every(), w.source(),
                    w.createdBy(), w.createdAt(), o.state(), u.result().at(), u.result()));
        } catch (StoreUnavailable e) {
            LOG.warnf("%s; keeping the result of watch %d until it is back", e.getMessage(), u.watchId());
            throw e;
        }
    }

    /** Posts what the watch's state asks for (an outage or a recovery not yet announced) and notes it. */
    private void announce(Watch w, Unrecorded u) {
        WatchState st = w.state();
        try {
            if (st.outageUnannounced()) {
                // Noted as each root message is out, not after the evidence thread: the window in which a killed
                // replica leaves a posted alert unnoted (and the next run posts it again) is one store write.
                String[] noted = {null};
                String threads = announcer.outage(w, u.report(), u.result(), so -> {
                    note(w, () -> store.noteOutageAnnounced(w.id(), st.outageSince(), so));
                    noted[0] = so;
                });
                if (!threads.equals(noted[0])) {
                    note(w, () -> store.noteOutageAnnounced(w.id(), st.outageSince(), threads));
                }
            } else if (st.recoveryUnannounced()) {
                Duration outage = Duration.between(st.outageSince(), st.since());
                boolean[] noted = {false};
                Runnable done = () -> {
                    if (!noted[0]) {
                        note(w, () -> store.noteRecoveryAnnounced(w.id(), st.outageSince()));
                        noted[0] = true;
                    }
                };
                announcer.recovery(w, st.alertThreads(), outage, u.result(), done);
                done.run();
            }
        } catch (AnnounceFailed e) {
            LOG.warnf("could not announce watch %s in %s (%s); trying again after its next run", w.name(), w.channel(),
                    e.getMessage());
        }
    }

    private interface Note {
        boolean write() throws StoreUnavailable;
    }

    /** Notes an announcement: only its own columns, and only while the outage it announced is the watch's. */
    private static void note(Watch w, Note note) {
        try {
            if (!note.write()) {
                LOG.debugf("watch %s moved on while its announcement was posted; the note is not needed", w.name());
            }
        } catch (StoreUnavailable e) {
            LOG.warnf("announced watch %s but could not note it (%s)", w.name(), e.getMessage());
        }
    }

    /** A watch's .pcap is only needed until its announcement: watches run all day and must not fill the disk. */
    private static void deleteCapture(Report report) {
        String file = report == null ? null : report.capture().pcapFile();
        if (file != null) {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                LOG.debugf("could not delete %s: %s", file, e.getMessage());
            }
        }
    }

    private WatchResult failure(Instant started, long t0, String cause, String headline) {
        return new WatchResult(started, false, cause, null, headline, ticker.since(t0).toMillis());
    }

    /** A stored command back into words: stored commands are the parser's own words joined by single spaces. */
    static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
