package io.netcheck.probe.raw;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.Probe;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path MTU towards one IPv4 address, measured the way {@code tracepath} and {@code ping -M do} do:
 * ICMP echo requests with don't-fragment set, of sizes chosen by {@link MtuSearch}, each sent twice per
 * round so one lost packet is not taken for a size that does not pass. For each size: answered, lost, or
 * refused with ICMP "fragmentation needed" (with the next-hop MTU and its sender). Frames are crafted and
 * read like {@link PingProbe}'s. IPv6 (packet too big) is not measured.
 */
public final class MtuProbe implements Probe<MtuTarget, MtuResult> {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every IPv4 path must carry 576 bytes (RFC 791): the floor of the search. */
    public static final int IPV4_FLOOR = 576;
    /** Copies of each size per round. */
    static final int COPIES = 2;
    /** After the last expected answer, wait this many of the slowest round trips (and at least MIN_GRACE). */
    static final int GRACE_RTTS = 4;
    static final Duration MIN_GRACE = Duration.ofMillis(150);
    private static final int IP_ICMP_HEADERS = 20 + 8;

    @Override
    public MtuResult probe(MtuTarget t, Deadline deadline) throws InterruptedException {
        if (!(t.route().destination() instanceof Inet4Address)) {
            return MtuResult.notSent(t.route().interfaceName(), t.route().destination(),
                    "IPv6 path MTU not measured: netcheck measures the path MTU of IPv4 paths only");
        }
        int echoId = RANDOM.nextInt(0xffff) + 1;
        RawPath path;
        try {
            path = RawPath.open(t.route(), "icmp", deadline);
        } catch (IOException e) {
            return MtuResult.notSent(t.route().interfaceName(), t.route().destination(), e.getMessage());
        }
        try (path) {
            int mtu = interfaceMtu(path.iface());
            MtuSearch search = new MtuSearch(mtu, IPV4_FLOOR);
            Wire wire = new Wire(path, echoId, deadline);
            String problem;
            try {
                problem = search.run(wire, t.replyWait(), deadline.remaining(), System::nanoTime);
            } catch (IOException e) {
                problem = e.getMessage();
            }
            List<CapturedFrame> mine = path.link().captured().stream().filter(f -> PingProbe.mine(f, echoId, path))
                    .toList();
            return MtuResult.of(path.iface(), path.destination(), path.nextHop(), mtu, search.floor(),
                    search.attempts(), problem, mine);
        }
    }

    static int interfaceMtu(String iface) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(iface);
            int mtu = nic == null ? -1 : nic.getMTU();
            return mtu >= IPV4_FLOOR ? mtu : 1500;
        } catch (SocketException e) {
            return 1500;
        }
    }

    /** The real link: sends each round's echoes and ties the answers back by echo id and sequence. */
    private static final class Wire implements MtuSearch.Rounds {
        private final RawPath path;
        private final int echoId;
        private final Deadline deadline;
        private int seq;
        private Duration slowest = Duration.ZERO;

        Wire(RawPath path, int echoId, Deadline deadline) {
            this.path = path;
            this.echoId = echoId;
            this.deadline = deadline;
        }

        @Override
        public List<MtuAttempt> send(List<Integer> sizes, Duration wait) throws IOException, InterruptedException {
            Map<Integer, Integer> sizeOf = new HashMap<>();
            Map<Integer, Instant> sentAt = new HashMap<>();
            Map<Integer, MtuAttempt> outcome = new LinkedHashMap<>();
            Map<Integer, String> refused = new HashMap<>();
            for (int copy = 0; copy < COPIES; copy++) {
                for (int size : sizes) {
                    seq = seq % 0xffff + 1;
                    sizeOf.put(seq, size);
                    sentAt.put(seq, Instant.now());
                    try {
                        path.link().send(Frames.icmpEcho(path.sourceMac(), path.nextHopMac(), path.source(),
                                path.destination(), 64, RANDOM.nextInt(0xffff), echoId, seq, size - IP_ICMP_HEADERS));
                    } catch (IOException e) {
                        // A link can refuse one frame and take smaller ones: a veth pair whose far end has a
                        // smaller MTU drops the frame and says "No buffer space available". Lost, not sent.
                        refused.put(size, e.getMessage());
                    }
                }
            }
            if (refused.keySet().containsAll(sizes)) {
                throw new IOException(refused.values().iterator().next()); // the link takes nothing at all
            }
            long waitNanos = Math.min(wait.toNanos(), deadline.remaining().toNanos());
            if (!slowest.isZero()) {
                // Once the round trip is known, a size that has not answered within a few of them will not.
                waitNanos = Math.min(waitNanos, grace());
            }
            long end = deadline.ticker().nanos() + waitNanos;
            while (outcome.size() < sizes.size()) {
                long left = end - deadline.ticker().nanos();
                if (left <= 0) {
                    break;
                }
                CapturedFrame f = path.link().next(Duration.ofNanos(left));
                if (f == null) {
                    continue;
                }
                Frames.Seen s = Frames.read(f.data());
                if (s == null || s.echoId() != echoId || !sizeOf.containsKey(s.echoSeq())) {
                    continue;
                }
                int size = sizeOf.get(s.echoSeq());
                if (outcome.containsKey(size)) {
                    continue;
                }
                if (s.kind() == Frames.Seen.Kind.ECHO_REPLY && s.from().equals(path.destination())) {
                    Duration rtt = PingProbe.positive(Duration.between(sentAt.get(s.echoSeq()), f.timestamp()));
                    outcome.put(size, MtuAttempt.answered(size, rtt, s.from()));
                    if (rtt.compareTo(slowest) > 0) {
                        slowest = rtt;
                    }
                    // The sizes that pass have answered by now; the others get a few round trips more.
                    end = Math.min(end, deadline.ticker().nanos() + grace());
                } else if (s.kind() == Frames.Seen.Kind.ICMP_ERROR) {
                    outcome.put(size, s.icmpType() == 3 && s.icmpCode() == 4
                            ? MtuAttempt.fragNeeded(size, Frames.nextHopMtu(f.data()), s.from())
                            : MtuAttempt.icmpError(size, s.from(), s.icmpType(), s.icmpCode()));
                }
            }
            List<MtuAttempt> out = new ArrayList<>();
            for (int size : sizes) {
                out.add(outcome.getOrDefault(size, refused.containsKey(size)
                        ? MtuAttempt.refusedLocally(size, refused.get(size)) : MtuAttempt.lost(size)));
            }
            return out;
        }

        private long grace() {
            return Math.max(MIN_GRACE.toNanos(), slowest.multipliedBy(GRACE_RTTS).toNanos());
        }
    }
}
