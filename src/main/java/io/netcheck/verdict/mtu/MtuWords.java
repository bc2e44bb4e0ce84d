package io.netcheck.verdict.mtu;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Describe;
import io.netcheck.capture.IcmpKind;
import io.netcheck.check.PathMtu;
import io.netcheck.probe.raw.MtuAttempt;
import io.netcheck.probe.raw.MtuResult;
import java.util.List;
import java.util.stream.Collectors;

/** The sentences path MTU verdicts and reports use (the mtu command and the vip/http follow-up). */
public final class MtuWords {
    private MtuWords() {
    }

    /** One size's fate: "answered in 0.3 ms", "lost", "ICMP fragmentation needed (next-hop MTU 1400) from ...". */
    public static String attempt(MtuAttempt a) {
        return switch (a.kind()) {
            case ANSWERED -> "answered in " + Describe.ms(a.rtt());
            case LOST -> a.note() == null ? "lost (no reply, no ICMP error)"
                    : "lost: this host's link refused the frame (" + a.note() + ")";
            case FRAG_NEEDED -> "ICMP fragmentation needed (type 3 code 4"
                    + (a.nextHopMtu() == null ? ", no next-hop MTU given" : ", next-hop MTU " + a.nextHopMtu()) + ") from "
                    + AddressText.of(a.from());
            case ICMP_ERROR -> "ICMP " + IcmpKind.of(4, a.icmpType(), a.icmpCode()).words() + " (type " + a.icmpType()
                    + " code " + a.icmpCode() + ") from " + AddressText.of(a.from());
        };
    }

    /** "answered: 1280, 576; lost: 1500, 1281" — sizes in bytes, largest first. */
    public static String sizes(MtuResult r) {
        StringBuilder sb = new StringBuilder();
        for (MtuAttempt.Kind k : MtuAttempt.Kind.values()) {
            String list = r.bySize().stream().filter(a -> a.kind() == k).map(a -> Integer.toString(a.size()))
                    .collect(Collectors.joining(", "));
            if (!list.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(switch (k) {
                    case ANSWERED -> "answered";
                    case LOST -> "lost";
                    case FRAG_NEEDED -> "fragmentation needed";
                    case ICMP_ERROR -> "ICMP error";
                }).append(": ").append(list);
            }
        }
        return sb.toString();
    }

    /** "1280-byte packets pass, 1281-byte packets are lost without any ICMP fragmentation needed". */
    public static String blackHole(MtuResult r) {
        return r.pathMtu() + "-byte packets pass, " + r.smallestLost() + "-byte packets are lost without any ICMP "
                + "fragmentation needed";
    }

    /** The two halves of a black hole, each an observation of its own: what passes and what vanishes. */
    public static List<String> blackHoleSignals(MtuResult r) {
        return List.of(r.pathMtu() + "-byte don't-fragment echoes are answered",
                r.smallestLost() + "-byte and larger ones are lost, with no ICMP fragmentation needed from any router");
    }

    /** One line on what was found. */
    public static String summary(MtuResult r) {
        String to = AddressText.of(r.destination());
        if (r.pathMtu() == null) {
            return r.attempts().isEmpty() ? "nothing sent to " + to + (r.problem() == null ? "" : ": " + r.problem())
                    : "no size answered, not even " + r.floor() + " bytes (" + sizes(r) + ")";
        }
        if (r.blackHole()) {
            return "path MTU black hole towards " + to + ": " + blackHole(r);
        }
        MtuAttempt fn = r.fragNeeded();
        if (r.fullSize()) {
            return "path MTU towards " + to + " is " + r.pathMtu() + " bytes, the interface MTU of " + r.iface()
                    + ": full-size packets pass";
        }
        if (fn != null && r.problem() == null) {
            return "path MTU towards " + to + " is " + r.pathMtu() + " bytes: " + AddressText.of(fn.from())
                    + " answers larger packets with ICMP fragmentation needed"
                    + (fn.nextHopMtu() == null ? "" : " (next-hop MTU " + fn.nextHopMtu() + ")");
        }
        return "path MTU towards " + to + " is at least " + r.pathMtu() + " bytes (" + sizes(r) + ")"
                + (r.problem() == null ? "" : "; " + r.problem());
    }

    /**
     * For verdicts that blame someone else for a stall: " (the path MTU towards X was measured: 1500 bytes
     * pass)", or why it was not; "" when no follow-up ran.
     */
    public static String measuredNote(List<PathMtu> pathMtu) {
        if (pathMtu.isEmpty()) {
            return "";
        }
        return " (" + pathMtu.stream().map(MtuWords::note).collect(Collectors.joining("; ")) + ")";
    }

    private static String note(PathMtu m) {
        String to = "path MTU towards " + AddressText.of(m.address());
        if (m.blackHole()) {
            return to + " measured: a black hole too, " + m.result().pathMtu() + "-byte packets pass, "
                    + m.result().smallestLost() + "-byte packets are lost";
        }
        if (m.measured()) {
            return to + " measured: " + m.result().pathMtu() + "-byte packets pass"
                    + (m.result().fullSize() ? " (full size)" : ", no black hole");
        }
        if (m.result() != null && !m.result().attempts().isEmpty()) {
            return to + " not measured: no echo of any size was answered";
        }
        String p = m.problem() == null ? "not measured" : m.problem();
        return p.startsWith("not measured") || p.startsWith("IPv6") ? to + " " + p : to + " not measured: " + p;
    }
}
