package io.netcheck.probe.raw;

import io.netcheck.capture.CapturedFrame;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.Probe;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Real ICMP echo: the frames are crafted here and sent with pcap (never {@code InetAddress.isReachable},
 * which without privilege sends a TCP SYN to port 7 and calls an RST "reachable"). Replies and ICMP
 * errors are read from the capture and tied to each request by the echo id and sequence number.
 */
public final class PingProbe implements Probe<PingTarget, PingResult> {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int PAYLOAD = 56;

    @Override
    public PingResult probe(PingTarget t, Deadline deadline) throws InterruptedException {
        int echoId = RANDOM.nextInt(0xffff) + 1;
        RawPath path;
        try {
            path = RawPath.open(t.route(), "icmp", deadline);
        } catch (IOException e) {
            return new PingResult(t.route().interfaceName(), null, null, false, echoId, List.of(), e.getMessage(),
                    List.of());
        }
        try (path) {
            Instant[] sent = new Instant[t.count() + 1];
            EchoReply[] replies = new EchoReply[t.count() + 1];
            long nextSend = deadline.ticker().nanos();
            int seq = 0;
            long lastDeadline = Long.MAX_VALUE;
            String problem = null;
            while (!deadline.expired()) {
                if (seq < t.count() && deadline.ticker().nanos() >= nextSend) {
                    seq++;
                    sent[seq] = Instant.now();
                    try {
                        path.link().send(Frames.icmpEcho(path.sourceMac(), path.nextHopMac(), path.source(),
                                path.destination(), 64, RANDOM.nextInt(0xffff), echoId, seq, PAYLOAD));
                    } catch (IOException e) {
                        problem = e.getMessage();
                        break;
                    }
                    nextSend = deadline.ticker().nanos() + t.interval().toNanos();
                    if (seq == t.count()) {
                        lastDeadline = deadline.ticker().nanos() + t.replyWait().toNanos();
                    }
                }
                if (seq == t.count() && (deadline.ticker().nanos() >= lastDeadline || allAnswered(replies, seq))) {
                    break;
                }
                long until = seq < t.count() ? nextSend : lastDeadline;
                CapturedFrame f = path.link().next(Duration.ofNanos(Math.max(1_000_000,
                        Math.min(until - deadline.ticker().nanos(), deadline.remaining().toNanos()))));
                if (f != null) {
                    attribute(f, echoId, path, sent, replies);
                }
            }
            List<EchoReply> out = new ArrayList<>();
            for (int i = 1; i <= seq; i++) {
                out.add(replies[i] != null ? replies[i] : new EchoReply(i, sent[i], null, null, null, -1, -1));
            }
            List<CapturedFrame> mine = path.link().captured().stream().filter(f -> mine(f, echoId, path)).toList();
            return new PingResult(path.iface(), path.nextHop(), NextHop.macText(path.nextHopMac()), path.arpSent(),
                    echoId, out, problem, mine);
        }
    }

    private static boolean allAnswered(EchoReply[] replies, int seq) {
        for (int i = 1; i <= seq; i++) {
            if (replies[i] == null) {
                return false;
            }
        }
        return true;
    }

    private static void attribute(CapturedFrame f, int echoId, RawPath path, Instant[] sent, EchoReply[] replies) {
        Frames.Seen s = Frames.read(f.data());
        if (s == null || s.echoId() != echoId || s.echoSeq() < 1 || s.echoSeq() >= sent.length
                || sent[s.echoSeq()] == null || replies[s.echoSeq()] != null) {
            return;
        }
        int seq = s.echoSeq();
        if (s.kind() == Frames.Seen.Kind.ECHO_REPLY && s.from().equals(path.destination())) {
            replies[seq] = new EchoReply(seq, sent[seq], positive(Duration.between(sent[seq], f.timestamp())), s.ttl(),
                    null, -1, -1);
        } else if (s.kind() == Frames.Seen.Kind.ICMP_ERROR) {
            replies[seq] = new EchoReply(seq, sent[seq], null, null, s.from(), s.icmpType(), s.icmpCode());
        }
    }

    static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ofNanos(1000) : d;
    }

    /** Our echo requests, the replies to them, errors about them, and our ARP exchange. */
    static boolean mine(CapturedFrame f, int echoId, RawPath path) {
        byte[] d = f.data();
        if (d.length >= Frames.ETH + 28 && Frames.u16(d, 12) == 0x0806) {
            return path.arpSent();
        }
        Frames.Seen s = Frames.read(d);
        return s != null && s.echoId() == echoId && (s.kind() == Frames.Seen.Kind.ECHO_REPLY
                || s.kind() == Frames.Seen.Kind.ICMP_ERROR
                || s.kind() == Frames.Seen.Kind.ECHO_REQUEST && s.from().equals(path.source()));
    }

}
