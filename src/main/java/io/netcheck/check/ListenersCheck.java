package io.netcheck.check;

import io.netcheck.probe.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code listeners [PORT]}: the netstat step, on the bot's own host (its network namespace). */
public final class ListenersCheck {
    private final ProcNet procNet;
    private final Clock clock;
    private final Ticker ticker;

    /** @param ticker the time source of the elapsed time (the runner's) */
    public ListenersCheck(ProcNet procNet, Clock clock, Ticker ticker) {
        this.procNet = procNet;
        this.clock = clock;
        this.ticker = ticker;
    }

    public ListenersEvidence run(ListenersRequest request) {
        Instant startedAt = clock.instant();
        long t0 = ticker.nanos();
        ProcNet.Scan scan = procNet.scan();
        return new ListenersEvidence(request, hostName(), startedAt, ticker.since(t0),
                scan.listeners(), scan.problems(), scan.processesComplete());
    }

    /** The kernel's host name: no DNS lookup (InetAddress.getLocalHost() may send one). */
    static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "this host";
        }
    }
}
