package io.netcheck.probe.raw;

import io.netcheck.capture.IcmpKind;
import io.netcheck.capture.CapturedFrame;
import io.netcheck.probe.Deadline;
import io.netcheck.probe.Probe;
import java.io.IOException;
import java.net.Inet4Address;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hop by hop with increasing TTL, an ICMP echo and a TCP SYN to the service port at each TTL, so a
 * firewall that blocks only the service shows up as the hop where TCP goes quiet while ICMP carries on.
 * Answers are tied to their TTL by the echo sequence number and the SYN's source port (both quoted back
 * in ICMP errors).
 */
public final class TraceProbe implements Probe<TraceTarget, TraceResult> {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public TraceResult probe(TraceTarget t, Deadline deadline) throws InterruptedException {
        Inet4Address dst = t.route().destination() instanceof Inet4Address a ? a : null;
        RawPath path;
        try {
            path = RawPath.open(t.route(), "icmp or (tcp and host "
                    + (dst == null ? "0.0.0.0" : dst.getHostAddress()) + " and port " + t.port() + ")", deadline);
        } catch (IOException e) {
            return new TraceResult(t.route().interfaceName(), null, t.port(), List.of(), e.getMessage(), List.of());
        }
        int echoId = RANDOM.nextInt(0xffff) + 1;
        int basePort = 40000 + RANDOM.nextInt(20000);
        try (path) {
            Instant[] icmpSent = new Instant[t.maxHops() + 1];
            Instant[] tcpSent = new Instant[t.maxHops() + 1];
            HopAnswer[] icmp = new HopAnswer[t.maxHops() + 1];
            HopAnswer[] tcp = new HopAnswer[t.maxHops() + 1];
            boolean icmpDone = false;
            boolean tcpDone = false;
            int icmpSilent = 0;
            int tcpSilent = 0;
            int last = 0;
            String problem = null;
            for (int ttl = 1; ttl <= t.maxHops() && !(icmpDone && tcpDone) && !deadline.expired(); ttl++) {
                last = ttl;
                try {
                    if (!icmpDone) {
                        icmpSent[ttl] = Instant.now();
                        path.link().send(Frames.icmpEcho(path.sourceMac(), path.nextHopMac(), path.source(),
                                path.destination(), ttl, RANDOM.nextInt(0xffff), echoId, ttl, 32));
                    }
                    if (!tcpDone) {
                        tcpSent[ttl] = Instant.now();
                        path.link().send(Frames.tcpSyn(path.sourceMac(), path.nextHopMac(), path.source(),
                                path.destination(), ttl, RANDOM.nextInt(0xffff), basePort + ttl, t.port(),
                                RANDOM.nextInt() & 0xffffffffL));
                    }
                } catch (IOException e) {
                    problem = e.getMessage();
                    break;
                }
                long end = deadline.ticker().nanos() + Math.min(t.hopWait().toNanos(), deadline.remaining().toNanos());
                while (deadline.ticker().nanos() < end) {
                    if ((icmpDone || icmp[ttl] != null) && (tcpDone || tcp[ttl] != null)) {
                        break;
                    }
                    CapturedFrame f = path.link().next(Duration.ofNanos(end - deadline.ticker().nanos()));
                    if (f != null) {
                        attribute(f, path, echoId, basePort, t.port(), icmpSent, tcpSent, icmp, tcp);
                    }
                }
                if (!icmpDone) {
                    if (icmp[ttl] != null) {
                        icmpSilent = 0;
                        icmpDone = icmp[ttl].destination() || icmp[ttl].unreachable();
                    } else {
                        icmpDone = ++icmpSilent >= t.silentLimit();
                    }
                }
                if (!tcpDone) {
                    if (tcp[ttl] != null) {
                        tcpSilent = 0;
                        tcpDone = tcp[ttl].destination() || tcp[ttl].unreachable();
                    } else {
                        tcpDone = ++tcpSilent >= t.silentLimit();
                    }
                }
            }
            // Late answers (slower than hopWait) still count for their TTL.
            CapturedFrame f;
            while ((f = path.link().next(Duration.ofMillis(30))) != null) {
                attribute(f, path, echoId, basePort, t.port(), icmpSent, tcpSent, icmp, tcp);
            }
            List<TraceHop> hops = new ArrayList<>();
            for (int ttl = 1; ttl <= last; ttl++) {
                hops.add(new TraceHop(ttl, icmpSent[ttl] != null, icmp[ttl], tcpSent[ttl] != null, tcp[ttl]));
            }
            int id = echoId;
            int base = basePort;
            List<CapturedFrame> mine = path.link().captured().stream()
                    .filter(x -> mine(x, path, id, base, t.maxHops(), t.port())).toList();
            return new TraceResult(path.iface(), path.nextHop(), t.port(), hops, problem, mine);
        }
    }

    private static void attribute(CapturedFrame f, RawPath path, int echoId, int basePort, int port,
                                  Instant[] icmpSent, Instant[] tcpSent, HopAnswer[] icmp, HopAnswer[] tcp) {
        Frames.Seen s = Frames.read(f.data());
        if (s == null) {
            return;
        }
        boolean fromDst = s.from().equals(path.destination());
        switch (s.kind()) {
            case ECHO_REPLY -> {
                int ttl = s.echoSeq();
                if (s.echoId() == echoId && in(ttl, icmpSent) && icmp[ttl] == null && fromDst) {
                    icmp[ttl] = answer(s, f, icmpSent[ttl], "echo reply", true);
                }
            }
            case ICMP_ERROR -> {
                if (s.echoId() == echoId && in(s.echoSeq(), icmpSent) && icmp[s.echoSeq()] == null) {
                    icmp[s.echoSeq()] = answer(s, f, icmpSent[s.echoSeq()], icmpWords(s), fromDst);
                } else if (s.srcPort() >= 0 && in(s.srcPort() - basePort, tcpSent) && s.dstPort() == port
                        && tcp[s.srcPort() - basePort] == null) {
                    int ttl = s.srcPort() - basePort;
                    tcp[ttl] = answer(s, f, tcpSent[ttl], icmpWords(s), fromDst);
                }
            }
            case TCP -> {
                int ttl = s.dstPort() - basePort;
                if (fromDst && s.srcPort() == port && in(ttl, tcpSent) && tcp[ttl] == null && (s.syn() || s.rst())) {
                    tcp[ttl] = answer(s, f, tcpSent[ttl], s.rst() ? "RST" : "SYN-ACK", true);
                }
            }
            default -> {
            }
        }
    }

    private static boolean in(int ttl, Instant[] sent) {
        return ttl >= 1 && ttl < sent.length && sent[ttl] != null;
    }

    private static HopAnswer answer(Frames.Seen s, CapturedFrame f, Instant sent, String what, boolean destination) {
        return new HopAnswer(s.from(), PingProbe.positive(Duration.between(sent, f.timestamp())), what, destination,
                s.kind() == Frames.Seen.Kind.TCP || s.kind() == Frames.Seen.Kind.ECHO_REPLY ? -1 : s.icmpType(),
                s.icmpCode(), s.ttl());
    }

    private static String icmpWords(Frames.Seen s) {
        if (s.icmpType() == 11) {
            return "time exceeded";
        }
        return IcmpKind.of(4, s.icmpType(), s.icmpCode()).words() + " (ICMP " + s.icmpType() + "/"
                + s.icmpCode() + ")";
    }

    private static boolean mine(CapturedFrame f, RawPath path, int echoId, int basePort, int maxHops, int port) {
        byte[] d = f.data();
        if (d.length >= Frames.ETH + 28 && Frames.u16(d, 12) == 0x0806) {
            return path.arpSent();
        }
        Frames.Seen s = Frames.read(d);
        if (s == null) {
            return false;
        }
        boolean ourPort = s.srcPort() > basePort && s.srcPort() <= basePort + maxHops
                || s.dstPort() > basePort && s.dstPort() <= basePort + maxHops;
        return switch (s.kind()) {
            case ECHO_REQUEST, ECHO_REPLY -> s.echoId() == echoId;
            case ICMP_ERROR -> s.echoId() == echoId || ourPort;
            case TCP -> ourPort && (s.srcPort() == port || s.dstPort() == port);
            default -> false;
        };
    }
}
