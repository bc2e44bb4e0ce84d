package io.netcheck.check;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.capture.TcpdumpFormatter;
import io.netcheck.probe.Probe;
import io.netcheck.probe.ProbeRunner;
import io.netcheck.probe.Route;
import io.netcheck.probe.TargetPolicy;
import io.netcheck.probe.Timed;
import io.netcheck.probe.raw.MtuProbe;
import io.netcheck.probe.raw.MtuResult;
import io.netcheck.probe.raw.MtuTarget;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * After the main probes: when a flow stalled after the handshake (connected, request sent, then silence or
 * a stalled body) while small packets passed, measure the path MTU towards that address. Runs only when
 * needed, within one probe budget, for a few addresses at once, each through the target policy.
 */
public final class MtuFollowUp {
    /** Addresses measured at most per run: a black hole is usually on the path they share. */
    public static final int MAX_ADDRESSES = 4;
    /** The longest one round of sizes waits for answers before their round trip is known. */
    static final Duration MAX_REPLY_WAIT = Duration.ofSeconds(1);

    /** A flow that stalled after its request. */
    public record Stalled(String label, InetAddress address, Route route) {
    }

    private final ProbeRunner runner;
    private final TargetPolicy policy;
    private final Clock clock;
    private final Probe<MtuTarget, MtuResult> probe;

    public MtuFollowUp(ProbeRunner runner, TargetPolicy policy, Clock clock) {
        this(runner, policy, clock, new MtuProbe());
    }

    MtuFollowUp(ProbeRunner runner, TargetPolicy policy, Clock clock, Probe<MtuTarget, MtuResult> probe) {
        this.runner = runner;
        this.policy = policy;
        this.clock = clock;
        this.probe = probe;
    }

    /** How long a round waits at most, from the run's timeout: a third of it, 200 ms to 1 s. */
    public static Duration replyWait(Duration budget) {
        Duration third = budget.dividedBy(3);
        return third.compareTo(Duration.ofMillis(200)) < 0 ? Duration.ofMillis(200)
                : third.compareTo(MAX_REPLY_WAIT) > 0 ? MAX_REPLY_WAIT : third;
    }

    /**
     * @param budget  the time the measurements may take (they run in parallel)
     * @param snaplen frames are cut to this length, as the run's capture is
     * @return one entry per distinct stalled address, in the order given; empty when nothing stalled
     */
    public List<PathMtu> measure(List<Stalled> stalled, Duration budget, int snaplen) throws InterruptedException {
        Map<InetAddress, List<Stalled>> byAddress = new LinkedHashMap<>();
        for (Stalled s : stalled) {
            byAddress.computeIfAbsent(s.address(), a -> new ArrayList<>()).add(s);
        }
        List<PathMtu> out = new ArrayList<>();
        List<CompletableFuture<Timed<MtuResult>>> running = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        int started = 0;
        for (Map.Entry<InetAddress, List<Stalled>> e : byAddress.entrySet()) {
            InetAddress address = e.getKey();
            List<String> names = e.getValue().stream().map(Stalled::label).toList();
            String why = address instanceof Inet4Address ? policy.refusal(address, -1)
                    : null;
            if (!(address instanceof Inet4Address)) {
                out.add(PathMtu.notMeasured(address, names, "IPv6 path MTU not measured: netcheck measures the path "
                        + "MTU of IPv4 paths only"));
            } else if (why != null) {
                out.add(PathMtu.notMeasured(address, names, "not measured: refused by the target policy: " + why));
            } else if (started >= MAX_ADDRESSES) {
                out.add(PathMtu.notMeasured(address, names, "not measured: at most " + MAX_ADDRESSES
                        + " addresses per run"));
            } else {
                started++;
                out.add(null); // filled below, in order
                labels.add(names);
                running.add(runner.submit(probe, new MtuTarget(e.getValue().get(0).route(), replyWait(budget)),
                        budget));
            }
        }
        TcpdumpFormatter formatter = new TcpdumpFormatter(clock.getZone());
        int next = 0;
        List<InetAddress> addresses = new ArrayList<>(byAddress.keySet());
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) != null) {
                continue;
            }
            CompletableFuture<Timed<MtuResult>> f = running.get(next);
            List<String> names = labels.get(next++);
            MtuResult r;
            try {
                r = f.join().result();
            } catch (RuntimeException e) {
                out.set(i, PathMtu.notMeasured(addresses.get(i), names, "the measurement did not finish in time ("
                        + e.getClass().getSimpleName() + ")"));
                continue;
            }
            List<CapturedFrame> cut = r.frames().stream().map(fr -> cut(fr, snaplen)).toList();
            out.set(i, new PathMtu(addresses.get(i), names, r, r.problem(), formatter.formatFrames(cut), cut));
        }
        return out;
    }

    /** One entry per distinct address, none measured, for this reason. */
    public static List<PathMtu> skipped(List<Stalled> stalled, String why) {
        Map<InetAddress, List<String>> byAddress = new LinkedHashMap<>();
        for (Stalled s : stalled) {
            byAddress.computeIfAbsent(s.address(), a -> new ArrayList<>()).add(s.label());
        }
        return byAddress.entrySet().stream().map(e -> PathMtu.notMeasured(e.getKey(), e.getValue(), why)).toList();
    }

    /** The frame as a capture with this snap length would have kept it. */
    static CapturedFrame cut(CapturedFrame f, int snaplen) {
        byte[] d = f.data();
        return d.length <= snaplen ? f : new CapturedFrame(f.timestamp(), f.linkType(), Arrays.copyOf(d, snaplen),
                f.originalLength(), f.interfaceName());
    }
}
