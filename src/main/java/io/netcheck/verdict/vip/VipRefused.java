package io.netcheck.verdict.vip;

import io.netcheck.capture.AddressText;
import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.Rule;
import io.netcheck.check.Attribution;
import io.netcheck.check.EndpointEvidence;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The VIP port was refused with an RST. Who sent it decides the blame, and that is judged against the VIP host's
 * own packets (its echo reply, its answer on a second port): the same host refusing means nothing listens on the
 * VIP; a sender closer than the VIP host is a firewall forging the RST in its name (the LB guide: "a firewall …
 * sends a TCP RESET on the server's behalf"); a sender farther away is a real server behind a NAT VIP. Without the
 * VIP host's packets the real servers' distance is a weak hint only, never grounds for HIGH.
 */
public final class VipRefused implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "vip-refused";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        EndpointEvidence vip = e.vip();
        if (vip.state() != EndpointState.REFUSED || vip.wire().icmp() != null) {
            return Optional.empty();
        }
        String refusal = Describe.connect(vip);
        Attribution who = e.attribution();
        return Optional.of(switch (who.origin()) {
            case VIP_HOST -> notListening(e, refusal + ". " + capital(who.reasons().get(0))
                    + ": the load balancer host itself refused, so nothing listens on " + vip.target().label() + ".",
                    Confidence.HIGH, hostSignals(e, who));
            case IN_PATH -> forged(e, refusal, who);
            case BEHIND_VIP -> forwarded(e, refusal, who);
            case UNKNOWN, NO_ANSWER -> unmeasured(e, refusal, who);
        });
    }

    /** Signals that the VIP host refused: its own packets match, and servers that answer make NAT unlikely. */
    private static List<String> hostSignals(VipEvidence e, Attribution who) {
        List<String> signals = new ArrayList<>(who.signals());
        if (e.hasBackends() && e.backendsUp() == e.backends().size()) {
            signals.add("the real servers accept on their port when probed directly (" + Describe.backends(e)
                    + "), so the RST is not a server's refusal passed through NAT");
        }
        return signals;
    }

    private static Finding forged(VipEvidence e, String refusal, Attribution who) {
        // Each of the VIP host's own answers is one measurement of its distance: two agreeing ones make HIGH.
        List<String> signals = who.signals();
        return new Finding(Cause.FIREWALL_REJECT, Confidence.HIGH,
                "a device in the path resets connections to " + e.vip().target().label() + " in the VIP's name",
                refusal + ". " + capital(who.reasons().get(0)) + ". The RST carries the VIP's address but was "
                        + "sent by something between netcheck and the load balancer — a firewall rejecting with TCP "
                        + "reset, or an IPS — so the connection never reached the load balancer (step 1 of the "
                        + "checklist fails). The packet lines are the proof to hand over.",
                List.of("find the reject-with-tcp-reset (or IPS) rule for " + e.vip().target().label()
                                + " on the firewalls between this host and the VIP",
                        "on the load balancer, tcpdump host " + AddressText.of(e.vip().address().getAddress())
                                + " and port " + e.vip().address().getPort()
                                + ": the SYNs do not arrive there")).withSignals(signals);
    }

    private static Finding forwarded(VipEvidence e, String refusal, Attribution who) {
        String via = refusal + ". " + capital(who.reasons().get(who.reasons().size() - 1))
                + ": the VIP NATs the connection to a real server, and that server refused.";
        List<String> signals = new ArrayList<>(who.signals());
        boolean allRefusing = e.hasBackends() && e.backends().stream().allMatch(b -> b.state().refusing());
        if (allRefusing) {
            signals.add("every real server refuses when probed directly: " + Describe.backends(e));
            return new Finding(Cause.BACKENDS_DOWN, Confidence.HIGH,
                    "the VIP forwards to real servers that refuse connections",
                    via + " Probed directly: " + Describe.backends(e) + ".",
                    List.of("start the service on the real servers, or check it listens on the expected address "
                            + "and port (ss -ltnp)")).withSignals(signals);
        }
        if (e.backendsUp() > 0) {
            signals.add("probed directly on the configured port, the real servers accept: " + Describe.backends(e));
            return new Finding(Cause.LB_MISCONFIGURED, Confidence.HIGH,
                    "the load balancer forwards to a port the real servers do not listen on",
                    via + " Yet probed directly on the configured port, " + Describe.backends(e) + ". The LB's "
                            + "target port or pool members are wrong.",
                    List.of("compare the LB's pool/DNAT target ports with the port the servers listen on",
                            "check the LB's pool members are the servers given in --backends")).withSignals(signals);
        }
        return new Finding(e.hasBackends() ? Cause.BACKENDS_DOWN : Cause.INCONCLUSIVE, Confidence.MEDIUM,
                e.hasBackends() ? "the VIP forwards to real servers that do not serve"
                        : "a server behind the VIP refuses; which one is unknown",
                via + (e.hasBackends() ? " Probed directly: " + Describe.backends(e) + "."
                        : " Without --backends the pool cannot be checked."),
                List.of("re-run with --backends listing the pool's real servers",
                        "check which servers the VIP forwards to (pool members / DNAT targets)"))
                .withSignals(signals);
    }

    private static Finding unmeasured(VipEvidence e, String refusal, Attribution who) {
        String why = who.reasons().isEmpty() ? "" : " " + capital(who.reasons().get(0)) + ".";
        boolean someUp = e.backendsUp() > 0;
        if (e.hasBackends() && !someUp && e.backends().stream().anyMatch(b -> b.state().refusing())) {
            return new Finding(Cause.BACKENDS_DOWN, Confidence.MEDIUM,
                    "the real servers refuse connections, and so does the VIP",
                    refusal + ". The real servers refuse too: " + Describe.backends(e) + "." + why + " Whether the "
                            + "VIP's RST is a server's refusal passed through NAT or the load balancer's own could not "
                            + "be told; the servers are down either way, so that is the first thing to fix.",
                    List.of("start the service on the real servers", "then re-run: if the VIP still refuses, the "
                            + "load balancer is not listening on " + e.vip().target().label()))
                    .withSignals("the real servers refuse when probed directly");
        }
        Integer resetHops = e.vip().wire().resetSeen() ? e.vip().wire().resetHops() : null;
        Integer serverHops = e.backends().stream().map(EndpointEvidence::answerHops).filter(h -> h != null)
                .findFirst().orElse(null);
        String hint = resetHops != null && serverHops != null && resetHops < serverHops
                ? " The RST came from closer than the real servers (" + serverHops + " hops), which points at the "
                + "load balancer host itself."
                : "";
        String context = e.hasBackends() ? " The real servers: " + Describe.backends(e) + "."
                : " No --backends were given.";
        // Nothing listening on the VIP and a NAT to a closed server port are both the load balancer's
        // configuration: the team is clear even when the exact cause is not.
        return notListening(e, refusal + ". The VIP refused the connection." + why + hint + context
                        + " Either nothing listens on the VIP, or it forwards to a port the servers do not listen on "
                        + "(a firewall forging the RST cannot be ruled out without the VIP host's own packets).",
                Confidence.MEDIUM, List.of("RST in answer to the SYN on " + e.vip().target().label()));
    }

    private static Finding notListening(VipEvidence e, String explanation, Confidence confidence,
                                        List<String> signals) {
        return new Finding(Cause.VIP_NOT_LISTENING, confidence,
                "nothing listens on " + e.vip().target().label(),
                explanation,
                List.of("check the virtual server/frontend for " + e.vip().target().label()
                                + " exists and is enabled on the load balancer",
                        "check the LB process is running and bound to that address and port")).withSignals(signals);
    }

    public static String capital(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
