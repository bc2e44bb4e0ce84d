package io.netcheck.verdict;

import io.netcheck.checklist.EndpointState;
import io.netcheck.checklist.VipEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SYNs retransmitted into silence: something in the path drops them without a word, as firewalls do. */
final class SilentDrop implements VipRule {
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
        StringBuilder why = new StringBuilder("The connection to ").append(e.vip().target().label())
                .append(" timed out: ").append(Describe.connect(e.vip()))
                .append(captured ? " — no SYN-ACK, no RST, no ICMP error." : ".")
                .append(" A closed port answers with RST and a missing route with ICMP; silence is what a DROP "
                        + "rule produces, so the SYNs never reached the load balancer's listener (or its answer "
                        + "never came back).");
        if (e.hasBackends() && e.backendsUp() > 0) {
            why.append(" The real servers behind it do answer from here (").append(Describe.backends(e))
                    .append("), so the path to that network works: the drop is specific to the VIP.");
        }
        List<String> next = new ArrayList<>(List.of(
                "check firewall/security-group rules between this host and " + e.vip().target().label(),
                "run tcpdump on the load balancer (host " + e.vip().address().getAddress().getHostAddress()
                        + " and port " + e.vip().address().getPort() + "): if the SYNs arrive there, the LB or "
                        + "its return path drops them; if not, the path does"));
        return Optional.of(new Finding(Cause.FIREWALL_DROP, captured ? Confidence.MEDIUM : Confidence.LOW,
                "SYNs to " + e.vip().target().label() + " are silently dropped", why.toString(), next));
    }
}
