package io.netcheck.verdict.vip;

import io.netcheck.verdict.Cause;
import io.netcheck.verdict.Confidence;
import io.netcheck.verdict.Describe;
import io.netcheck.verdict.Finding;
import io.netcheck.verdict.HostSignals;
import io.netcheck.verdict.Rule;
import io.netcheck.check.EndpointState;
import io.netcheck.check.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SYNs retransmitted into silence: something drops them without a word, as firewalls do. Never HIGH from
 * netcheck's position alone: a drop in the path, the load balancer host's own filter and a broken return path all
 * look the same from here; the load balancer's side of the capture tells them apart.
 */
public final class SilentDrop implements Rule<VipEvidence> {
    @Override
    public String id() {
        return "silent-drop";
    }

    @Override
    public Optional<Finding> evaluate(VipEvidence e) {
        if (e.vip().state() != EndpointState.TIMEOUT) {
            return Optional.empty();
        }
        boolean captured = e.capture().available();
        List<String> signals = new ArrayList<>();
        if (captured) {
            signals.add(e.vip().wire().synsSent() + " SYNs to " + e.vip().target().label()
                    + " on the wire, no SYN-ACK, RST or ICMP error back");
        }
        StringBuilder why = new StringBuilder("The connection to ").append(e.vip().target().label())
                .append(" timed out: ").append(Describe.connect(e.vip()))
                .append(captured ? " — no SYN-ACK, no RST, no ICMP error." : ".")
                .append(" A closed port answers with RST and a missing route with ICMP; silence is what a DROP "
                        + "rule produces, so the SYNs never reached the load balancer's listener (or its answer "
                        + "never came back).");
        List<String> alive = HostSignals.alive(e);
        if (!alive.isEmpty()) {
            signals.add(alive.get(0));
            why.append(" The VIP host itself answers from here (").append(e.host().own().get(0).describe())
                    .append("): it is up, and only the VIP port is filtered.");
        }
        if (e.hasBackends() && e.backendsUp() > 0) {
            signals.add("the real servers answer from here: " + Describe.backends(e));
            why.append(" The real servers behind it do answer from here (").append(Describe.backends(e))
                    .append("), so the path to that network works: the drop is specific to the VIP.");
        }
        why.append(" From netcheck's position a firewall in the path, a filter on the load balancer host and a "
                + "return path that loses the LB's answers look the same.");
        List<String> next = new ArrayList<>(List.of(
                "check firewall/security-group rules between this host and " + e.vip().target().label(),
                "run tcpdump on the load balancer (host " + e.vip().address().getAddress().getHostAddress()
                        + " and port " + e.vip().address().getPort() + "): if the SYNs arrive there, the LB or "
                        + "its return path drops them; if not, the path does"));
        return Optional.of(new Finding(Cause.FIREWALL_DROP, captured ? Confidence.MEDIUM : Confidence.LOW,
                "SYNs to " + e.vip().target().label() + " are silently dropped", why.toString(), next)
                .withSignals(signals));
    }
}
