package io.netcheck.report;

import io.netcheck.capture.AddressText;
import io.netcheck.check.PathMtu;
import io.netcheck.probe.raw.MtuAttempt;
import io.netcheck.probe.raw.MtuResult;
import io.netcheck.verdict.mtu.MtuWords;
import java.util.ArrayList;
import java.util.List;

/** Lays out a path MTU measurement: the vip/http follow-up step and the mtu command share it. */
final class PathMtuStep {
    static final String NAME = "path-mtu";
    static final String TITLE = "Do full-size packets get through?";

    private PathMtuStep() {
    }

    /** The follow-up of a run whose flows stalled: one sub-step per address. */
    static Step of(List<PathMtu> measured) {
        List<Step> subs = measured.stream().map(PathMtuStep::address).toList();
        PathMtu first = measured.stream().filter(PathMtu::blackHole).findFirst().orElse(measured.get(0));
        StepStatus status = measured.stream().anyMatch(PathMtu::blackHole) ? StepStatus.FAIL
                : measured.stream().allMatch(PathMtu::measured) ? StepStatus.PASS : StepStatus.WARN;
        List<Fact> facts = List.of(new Fact("why", "a flow stalled after its request (connected, request sent, then "
                + "silence or a stalled body): echo requests with don't-fragment set measure the path MTU, after the "
                + "main probes"));
        return new Step(NAME, TITLE, status, outcome(first), summary(first), facts, List.of(), subs);
    }

    private static Step address(PathMtu m) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("stalled", String.join(", ", m.endpoints())));
        if (m.result() != null) {
            facts.addAll(facts(m.result()));
        } else if (m.problem() != null) {
            facts.add(new Fact("problem", m.problem()));
        }
        return new Step(AddressText.of(m.address()), "path MTU towards " + AddressText.of(m.address()),
                status(m.result()), outcome(m), summary(m), facts, m.packets(), List.of());
    }

    static String outcome(PathMtu m) {
        return m.result() == null ? "NOT_MEASURED" : outcome(m.result());
    }

    static String outcome(MtuResult r) {
        if (r.pathMtu() == null) {
            return r.attempts().isEmpty() ? "NOT_SENT" : "NO_REPLY";
        }
        return r.blackHole() ? "BLACK_HOLE" : "PMTU " + r.pathMtu();
    }

    static StepStatus status(MtuResult r) {
        return r == null || r.pathMtu() == null || r.blackHole() ? StepStatus.FAIL
                : r.problem() != null ? StepStatus.WARN : StepStatus.PASS;
    }

    private static String summary(PathMtu m) {
        return m.result() == null || m.result().attempts().isEmpty() ? String.valueOf(m.problem())
                : MtuWords.summary(m.result());
    }

    /** The interface, each size tried (largest first) and the problem, if any. */
    static List<Fact> facts(MtuResult r) {
        List<Fact> facts = new ArrayList<>();
        if (r.interfaceMtu() > 0) {
            facts.add(new Fact("interface", r.iface() + ", MTU " + r.interfaceMtu()
                    + (r.nextHop() == null ? "" : ", next hop " + AddressText.of(r.nextHop()))));
            facts.add(new Fact("probes", "ICMP echo, don't fragment, sizes " + r.floor() + " to " + r.interfaceMtu()
                    + " bytes (IP total length; ping -M do -s N sends N + 28), each twice per round"));
        }
        for (MtuAttempt a : r.bySize()) {
            facts.add(new Fact(a.size() + " bytes", MtuWords.attempt(a)));
        }
        if (r.pathMtu() != null) {
            facts.add(new Fact("path MTU", r.pathMtu() + " bytes" + (r.blackHole() ? " (black hole above: "
                    + r.smallestLost() + " bytes and larger are lost silently)" : "")));
        }
        if (r.problem() != null) {
            facts.add(new Fact("problem", r.problem()));
        }
        return facts;
    }
}
