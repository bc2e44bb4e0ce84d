package io.netcheck.probe.raw;

import io.netcheck.capture.CapturedFrame;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;

/**
 * A path MTU measurement towards one IPv4 address, as {@code tracepath} / {@code ping -M do} would make it.
 *
 * @param interfaceMtu  the MTU of the interface the probes left by: the largest size tried
 * @param floor         the smallest size tried (576 bytes, which every IPv4 path must carry)
 * @param attempts      each size tried, in the order tried
 * @param pathMtu       the largest size that was answered, null when none was
 * @param smallestLost  the smallest size above {@code pathMtu} lost without any ICMP error, null when none was
 * @param blackHole     small packets pass, larger ones vanish without "fragmentation needed": a path MTU black
 *                      hole (TCP never learns to send smaller segments)
 * @param problem       why nothing, or not everything, could be measured; null when the search finished
 * @param frames        this run's frames (ours and the answers), for the report and the .pcap
 */
public record MtuResult(String iface, InetAddress destination, InetAddress nextHop, int interfaceMtu, int floor,
                        List<MtuAttempt> attempts, Integer pathMtu, Integer smallestLost, boolean blackHole,
                        String problem, List<CapturedFrame> frames) {
    public MtuResult {
        attempts = List.copyOf(attempts);
        frames = List.copyOf(frames);
    }

    /** Derives the path MTU and the black hole from the attempts. */
    public static MtuResult of(String iface, InetAddress destination, InetAddress nextHop, int interfaceMtu, int floor,
                               List<MtuAttempt> attempts, String problem, List<CapturedFrame> frames) {
        Integer pathMtu = attempts.stream().filter(a -> !a.failed()).map(MtuAttempt::size).max(Integer::compare)
                .orElse(null);
        Integer smallestLost = pathMtu == null ? null : attempts.stream()
                .filter(a -> a.kind() == MtuAttempt.Kind.LOST && a.size() > pathMtu).map(MtuAttempt::size)
                .min(Integer::compare).orElse(null);
        return new MtuResult(iface, destination, nextHop, interfaceMtu, floor, attempts, pathMtu, smallestLost,
                smallestLost != null, problem, frames);
    }

    /** Nothing could be sent. */
    public static MtuResult notSent(String iface, InetAddress destination, String problem) {
        return new MtuResult(iface, destination, null, 0, 0, List.of(), null, null, false, problem, List.of());
    }

    /** The first "fragmentation needed" of the run, null when no router sent one. */
    public MtuAttempt fragNeeded() {
        return attempts.stream().filter(a -> a.kind() == MtuAttempt.Kind.FRAG_NEEDED).findFirst().orElse(null);
    }

    /** The first other ICMP error about our echoes, null when none. */
    public MtuAttempt icmpError() {
        return attempts.stream().filter(a -> a.kind() == MtuAttempt.Kind.ICMP_ERROR).findFirst().orElse(null);
    }

    /** The attempts by size, largest first: how the report lists them. */
    public List<MtuAttempt> bySize() {
        return attempts.stream().sorted(Comparator.comparingInt(MtuAttempt::size).reversed()).toList();
    }

    /** Full-size packets (the interface MTU) pass. */
    public boolean fullSize() {
        return pathMtu != null && pathMtu >= interfaceMtu;
    }
}
